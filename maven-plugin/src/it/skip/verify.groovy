def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] ynl4j: skipped (ynl4j.skip); compiling the sources already in ')
// Nothing generated, no state...
assert new File(basedir, 'target/generated-sources/ynl4j').list() as List == ['it']
assert !new File(basedir, 'target/ynl4j').exists()
// ...but the existing output folder is still a source root.
assert new File(basedir, 'target/classes/it/Earlier.class').isFile()
assert new File(basedir, 'target/classes/it/App.class').isFile()
return true
