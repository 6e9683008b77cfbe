def put = { String to, byte[] bytes -> def t = new File(basedir, to); t.parentFile.mkdirs(); t.bytes = bytes }
// Before: rt-addr as of Linux 7.2 (no mc-users), and a second family that does not change.
put('src/main/ynl/rt-addr.yaml', new File(itSpecs, 'rt-addr-without-mc-users.yaml').bytes)
put('src/main/ynl/rt-addr-legacy.yaml',
        new File(itSpecs, 'rt-addr.yaml').text.replaceFirst(/(?m)^name: rt-addr$/, 'name: rt-addr-legacy').bytes)
// After (copied in by between.xml): rt-addr with mc-users.
put('changes/rt-addr.yaml', new File(itSpecs, 'rt-addr.yaml').bytes)
return true
