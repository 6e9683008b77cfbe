def put = { String to, String text -> def t = new File(basedir, to); t.parentFile.mkdirs(); t.text = text }
put('src/main/ynl/rt-addr.yaml', new File(itSpecs, 'rt-addr.yaml').text)
// Stands for sources an earlier build generated: with ynl4j.skip they must still be compiled.
put('target/generated-sources/ynl4j/it/Earlier.java', 'package it;\n\npublic final class Earlier {}\n')
return true
