def log = new File(basedir, 'build.log').text
assert log =~ /ynl4j: 2 families, \d+ files \(0 unchanged, \d+ written, 0 deleted\)/
def m = log =~ /ynl4j: 1 family, (\d+) files \((\d+) unchanged, 0 written, (\d+) deleted\)/
assert m.find() && m.group(3) as int > 10
def gen = new File(basedir, 'target/generated-sources/ynl4j/io/ynl4j/generated')
def legacy = new File(gen, 'rtaddrlegacy')
assert legacy.list() as List == ['Mine.java']
def manifest = new File(basedir, 'target/generated-sources/ynl4j/ynl4j-manifest.properties').text
assert !manifest.contains('rtaddrlegacy') && manifest.contains('rtaddr/RtAddr.java')
def aged = java.time.Instant.parse('2001-01-02T00:00:00Z').toEpochMilli()
new File(gen, 'rtaddr').eachFile { assert it.lastModified() < aged, "rewritten: $it" }
return true
