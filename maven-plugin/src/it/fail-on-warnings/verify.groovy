def log = new File(basedir, 'build.log').text
assert log =~ /(?m)^\[ERROR\] \S*src\/main\/ynl\/rt-addr\.yaml:1:1: error\[Y\d+\]: .*SPDX/
assert log.contains('warnings are errors in this run')
assert log.contains('BUILD FAILURE')
assert !new File(basedir, 'target/generated-sources/ynl4j').exists()
return true
