def put = { String to, byte[] bytes -> def t = new File(basedir, to); t.parentFile.mkdirs(); t.bytes = bytes }
put('src/main/ynl/rt-addr.yaml', new File(itSpecs, 'rt-addr.yaml').bytes)
put('src/main/ynl/rt-addr-legacy.yaml',
        new File(itSpecs, 'rt-addr.yaml').text.replaceFirst(/(?m)^name: rt-addr$/, 'name: rt-addr-legacy').bytes)
// A file of the user's own in the output folder: not the plugin's, so never deleted.
put('target/generated-sources/ynl4j/io/ynl4j/generated/rtaddrlegacy/Mine.java', '// mine\n'.bytes)
return true
