def log = new File(basedir, 'build.log').text
assert basedir.name == 'paths with spaces'
def gen = new File(basedir, 'target/generated sources/ynl4j/io/ynl4j/generated/rtaddr')
assert new File(gen, 'RtAddr.java').text.contains('my rt-addr.yaml')
assert new File(basedir, 'target/classes/it/App.class').isFile()
assert log =~ /ynl4j: 1 family, \d+ files/
return true
