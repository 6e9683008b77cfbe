// Puts the project's rt-addr spec where the plugin looks by default.
def t = new File(basedir, 'src/main/ynl/rt-addr.yaml')
t.parentFile.mkdirs()
t.bytes = new File(itSpecs, 'rt-addr.yaml').bytes
return true
