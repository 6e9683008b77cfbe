def log = new File(basedir, 'build.log').text
assert log =~ /ynl4j: 2 families, \d+ files \(0 unchanged, \d+ written, 0 deleted\)/
def second = (log =~ /ynl4j: 2 families, (\d+) files \((\d+) unchanged, (\d+) written, (\d+) deleted\)/)[1]
assert second[2] as int > 0 && second[3] as int > 0 && second[4] == '0' : "second build: ${second[0]}"
def gen = new File(basedir, 'target/generated-sources/ynl4j/io/ynl4j/generated')
assert new File(gen, 'rtaddr/GetmulticastReply.java').text.contains('OptionalLong mcUsers')
assert new File(gen, 'rtaddr/AddrAttrs.java').text.contains('IFA_MC_USERS = 12')
assert new File(basedir, 'target/classes/it/UsesMcUsers.class').isFile()
def aged = java.time.Instant.parse('2001-01-02T00:00:00Z').toEpochMilli()
// rt-addr's files were rewritten (their content changed), rt-addr-legacy's were not touched.
new File(gen, 'rtaddr').eachFile { assert it.lastModified() > aged, "not rewritten: $it" }
def legacy = new File(gen, 'rtaddrlegacy').listFiles()
assert legacy.size() > 10
legacy.each { assert it.lastModified() < aged, "rewritten: $it" }
return true
