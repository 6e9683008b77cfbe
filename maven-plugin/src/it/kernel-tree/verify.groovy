def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/generated-sources/ynl4j/io/ynl4j/generated/rtaddr/RtAddr.java').isFile()
assert new File(basedir, 'target/generated-sources/ynl4j-specs/com/acme/kernel/rtaddr/RtAddr.java').isFile()
assert new File(basedir, 'target/classes/it/App.class').isFile()
def state = new File(basedir, 'target/ynl4j/families.state').text
assert state =~ /family\.rt-addr=.*linux\/Documentation\/netlink\/specs\/rt-addr\.yaml/
assert new File(basedir, 'target/ynl4j/specs.state').isFile()
return true
