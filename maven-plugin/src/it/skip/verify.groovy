def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] ynl4j: skipped (ynl4j.skip)')
assert !new File(basedir, 'target/generated-sources/ynl4j').exists()
assert !new File(basedir, 'target/ynl4j').exists()
return true
