def log = new File(basedir, 'build.log').text
def gen = new File(basedir, 'target/generated-sources/ynl4j/io/ynl4j/generated/rtaddr')
assert new File(gen, 'GetmulticastReply.java').text.contains('OptionalLong mcUsers')
assert new File(gen, 'RtAddr.java').isFile()
assert new File(basedir, 'target/generated-sources/ynl4j/ynl4j-manifest.properties').isFile()
assert new File(basedir, 'target/ynl4j/default.state').isFile()
assert new File(basedir, 'target/classes/it/App.class').isFile()
assert log =~ /ynl4j: 1 family, \d+ files \(0 unchanged, \d+ written, 0 deleted\) in \d+ ms/
// The help goal describes the goal and its parameters.
assert log.contains('ynl4j:generate')
['specDirectory', 'specs', 'families', 'specDependencies', 'schemaDirectory', 'includes', 'excludes',
 'packageName', 'outputDirectory', 'failOnWarnings', 'skip', 'kernelTree'].each {
    assert log.contains(it + '\n') || log.contains(it + ' ') || log.contains(it + '\r'), "help lacks $it"
}
assert log.contains('User property: ynl4j.skip')
return true
