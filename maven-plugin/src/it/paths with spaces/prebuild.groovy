def t = new File(basedir, 'src/main/ynl specs/my rt-addr.yaml')
t.parentFile.mkdirs()
t.bytes = new File(itSpecs, 'rt-addr.yaml').bytes
return true
