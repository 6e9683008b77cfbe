def t = new File(basedir, 'linux/Documentation/netlink/specs/rt-addr.yaml')
t.parentFile.mkdirs()
t.bytes = new File(itSpecs, 'rt-addr.yaml').bytes
return true
