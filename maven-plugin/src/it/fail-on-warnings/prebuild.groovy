def text = new File(itSpecs, 'rt-addr.yaml').text
assert text.startsWith('# SPDX-License-Identifier:')
def t = new File(basedir, 'src/main/ynl/rt-addr.yaml')
t.parentFile.mkdirs()
t.text = text.substring(text.indexOf('\n') + 1)
return true
