def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/generated-sources/ynl4j/io/ynl4j/generated/rtaddr/RtAddr.java').isFile()
assert new File(basedir, 'target/generated-sources/ynl4j-dep/com/acme/dep/rtaddr/RtAddr.java').isFile()
assert new File(basedir, 'target/classes/it/App.class').isFile()
assert new File(basedir, 'target/ynl4j/dependencies/text/com.acme.it/netlink-specs-1.0/Documentation/netlink/specs/rt-addr.yaml').isFile()
assert new File(basedir, 'target/ynl4j/text.state').isFile()
assert new File(basedir, 'target/ynl4j/elements.state').isFile()
assert (log =~ /ynl4j: 1 family, \d+ files \(0 unchanged/).count == 2
assert (log =~ /\[INFO\] ynl4j: up to date \(1 family\)/).count == 2
return true
