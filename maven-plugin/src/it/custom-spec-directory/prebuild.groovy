def put = { String to, byte[] bytes -> def t = new File(basedir, to); t.parentFile.mkdirs(); t.bytes = bytes }
put('netlink/route/rt-addr.yaml', new File(itSpecs, 'rt-addr.yaml').bytes)
// Would fail the build if it were read (not a spec at all).
put('netlink/drafts/broken.yaml', 'name: broken\nprotocol: nonsense\n'.bytes)
// Not a spec either: only *.yaml and *.yaml.gz are.
put('netlink/README.txt', 'notes\n'.bytes)
return true
