def log = new File(basedir, 'build.log').text
assert log =~ /(?m)^\[ERROR\] \S*src\/main\/ynl\/rt-addr\.yaml:6:14: error\[Y009\]: schema netlink-raw\.yaml: \/uapi-header: /
assert log.contains('BUILD FAILURE')
assert !new File(basedir, 'target/generated-sources/ynl4j').exists()
return true
