def put = { String to, byte[] bytes -> def t = new File(basedir, to); t.parentFile.mkdirs(); t.bytes = bytes }
put('src/main/resources/Documentation/netlink/specs/rt-addr.yaml', new File(itSpecs, 'rt-addr.yaml').bytes)
// YAML that is not a spec (no top-level name:): never taken for one.
put('src/main/resources/other/settings.yaml', 'colour: blue\n'.bytes)
return true
