def log = new File(basedir, 'build.log').text
assert log =~ /ynl4j: 1 family, \d+ files \(0 unchanged, \d+ written, 0 deleted\)/
assert log =~ /\[INFO\] ynl4j: up to date \(1 family\) in \d+ ms/
// Nothing was written by the second build: everything still carries the date set in between.
def aged = java.time.Instant.parse('2001-01-02T00:00:00Z').toEpochMilli()
def files = []
new File(basedir, 'target/generated-sources/ynl4j').eachFileRecurse { if (it.isFile()) files << it }
new File(basedir, 'target/ynl4j').eachFileRecurse { if (it.isFile() && !it.name.endsWith('.stamps')) files << it }
assert files.size() > 10
files.each { assert it.lastModified() < aged, "rewritten: $it" }
// The stamps (size and time of each hashed file) are a cache: the times changed, so the files were
// hashed again (and found unchanged) and the stamps record the new times.
def stamps = new File(basedir, 'target/ynl4j/default.stamps')
assert stamps.isFile() && stamps.lastModified() > aged
def stamped = stamps.readLines()
assert stamped.size() > 10
// "size mtime sha256 path" per hashed file ("o " first for the generated ones) and the manifest's own
// stamp with the family count, which lets a no-op build skip reading the manifest and the files
assert stamped.every { it ==~ /(o )?\d+ \d+ [0-9a-f]{64} \/.+/ || it ==~ /manifest \d+ \d+ 1 \/.+ynl4j-manifest\.properties/ }
assert stamped.count { it.startsWith('manifest ') } == 1
assert stamped.count { it.startsWith('o ') } == files.count { it.path.contains('generated-sources') && it.name.endsWith('.java') }
// The source root was registered although nothing was generated: App (deleted in between) compiled again.
assert new File(basedir, 'target/classes/it/App.class').isFile()
return true
