def log = new File(basedir, 'build.log').text
assert log =~ /(?m)^\[ERROR\] \S*src\/main\/ynl\/rt-addr\.yaml:247:15: error\[Y\d+\]: .*'mc-user'/
assert log.contains("[ERROR]   hint: did you mean 'mc-users'?")
assert log.contains('BUILD FAILURE')
assert log =~ /Failed to execute goal io\.ynl4j:ynl4j-maven-plugin:.*:generate \(default\) on project spec-error: ynl4j: 2 errors; nothing written: \S*rt-addr\.yaml:247:15: error\[Y201\]/
// No stack trace of ours (Maven prints none for a MojoFailureException without -e).
assert !log.contains('at io.ynl4j.')
assert !new File(basedir, 'target/generated-sources/ynl4j').exists()
assert !new File(basedir, 'target/ynl4j/default.state').exists()
return true
