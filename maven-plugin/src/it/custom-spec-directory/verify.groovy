def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/generated-sources/ynl4j/com/acme/netlink/rtaddr/RtAddr.java').isFile()
assert !new File(basedir, 'target/generated-sources/ynl4j/io').exists()
assert new File(basedir, 'target/classes/it/App.class').isFile()
assert log =~ /ynl4j: 1 family, \d+ files/
assert !log.contains('broken')
return true
