// rt-addr with a typo in getmulticast's reply: 'mc-user' for 'mc-users' (line 247).
def text = new File(itSpecs, 'rt-addr.yaml').text
assert text.readLines()[246] == '            - mc-users'
def t = new File(basedir, 'src/main/ynl/rt-addr.yaml')
t.parentFile.mkdirs()
t.text = text.replace('            - mc-users\n', '            - mc-user\n')
return true
