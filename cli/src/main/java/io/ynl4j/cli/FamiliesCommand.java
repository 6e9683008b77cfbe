package io.ynl4j.cli;

import io.ynl4j.spec.load.SpecCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ynl4j families}: lists the specs the catalog finds, with their protocol and where they are. */
@Command(
        name = "families",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "List the families whose specs ynl4j finds, sorted by name: family, protocol, source and path.",
            "Folders are searched in this order, the first spec of a family wins: $YNL4J_HOME/specs"
                    + " (source 'project'), each folder of YNL4J_SPEC_PATH (colon-separated), --spec-dir"
                    + " ('spec-dir'), Debian's /usr/share/doc/linux-doc-*/Documentation/netlink/specs"
                    + " (newest first; source: the package).",
            "A family is named by the spec's 'name:', not its file name (drm_ras.yaml is drm-ras)."
        })
final class FamiliesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions catalog;

    @Option(names = "--all", description = "Also list specs hidden by an earlier spec of the same family.")
    boolean all;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<SpecCatalog.Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SpecCatalog.Entry e : catalog.catalog().entries()) {
            if (seen.add(e.name()) || all) {
                entries.add(e);
            }
        }
        // Stable: entries of one family stay in search order.
        entries.sort(java.util.Comparator.comparing(SpecCatalog.Entry::name));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"FAMILY", "PROTOCOL", "SOURCE", "PATH"});
        entries.forEach(e -> rows.add(
                new String[] {e.name(), e.protocol(), e.source(), e.path().toString()}));
        Table.print(out, rows);
        out.flush();
        return ExitCodes.OK;
    }
}
