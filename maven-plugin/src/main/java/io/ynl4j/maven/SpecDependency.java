package io.ynl4j.maven;

import java.util.Locale;

/**
 * An artifact holding specs, for the {@code specDependencies} parameter. Written either as
 * coordinates in one line,
 *
 * <pre>{@code
 * <specDependency>com.acme:netlink-specs:1.2</specDependency>
 * <specDependency>com.acme:netlink-specs:1.2:kernel-7.3</specDependency>  <!-- with a classifier -->
 * }</pre>
 *
 * or with one element per part, which also allows a folder inside the archive:
 *
 * <pre>{@code
 * <specDependency>
 *   <groupId>com.acme</groupId>
 *   <artifactId>netlink-specs</artifactId>
 *   <version>1.2</version>
 *   <path>Documentation/netlink/specs</path>
 * </specDependency>
 * }</pre>
 *
 * The artifact is resolved like a dependency (local repository, then the project's remote
 * repositories). Every {@code *.yaml} and {@code *.yaml.gz} file below {@code path} (the whole
 * archive by default) whose top level has a {@code name:} is a spec; other YAML files (such as the
 * kernel's JSON schemas) are left out, but a schema found next to a spec folder inside the archive
 * validates it, as in a kernel tree.
 */
public class SpecDependency {
    private String groupId;
    private String artifactId;
    private String version;
    private String classifier = "";
    private String type = "jar";
    private String path = "";

    /** For Maven's configurator. */
    public SpecDependency() {}

    /**
     * Sets the coordinates from one line: {@code groupId:artifactId:version[:classifier]}. Maven calls
     * this when the element holds text.
     *
     * @param coordinates the coordinates
     * @throws IllegalArgumentException when they do not have three or four parts
     */
    public void set(String coordinates) {
        String[] parts = coordinates.strip().split(":", -1);
        if (parts.length < 3 || parts.length > 4) {
            throw new IllegalArgumentException("spec dependency '" + coordinates
                    + "': expected groupId:artifactId:version or groupId:artifactId:version:classifier");
        }
        groupId = parts[0];
        artifactId = parts[1];
        version = parts[2];
        classifier = parts.length == 4 ? parts[3] : "";
    }

    /**
     * Checks that the coordinates are complete.
     *
     * @return a problem, or {@code null} when there is none
     */
    String problem() {
        if (isBlank(groupId) || isBlank(artifactId) || isBlank(version)) {
            return "spec dependency " + this + " needs groupId, artifactId and version";
        }
        if (path.contains("..")) {
            return "spec dependency " + this + ": path '" + path + "' may not contain '..'";
        }
        return null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** @return the group id */
    public String getGroupId() {
        return groupId;
    }

    /** @param groupId the group id */
    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    /** @return the artifact id */
    public String getArtifactId() {
        return artifactId;
    }

    /** @param artifactId the artifact id */
    public void setArtifactId(String artifactId) {
        this.artifactId = artifactId;
    }

    /** @return the version */
    public String getVersion() {
        return version;
    }

    /** @param version the version */
    public void setVersion(String version) {
        this.version = version;
    }

    /** @return the classifier, empty for none */
    public String getClassifier() {
        return classifier;
    }

    /** @param classifier the classifier, empty or null for none */
    public void setClassifier(String classifier) {
        this.classifier = classifier == null ? "" : classifier;
    }

    /** @return the type (file extension), {@code jar} by default */
    public String getType() {
        return type;
    }

    /** @param type the type, e.g. {@code jar} or {@code zip} */
    public void setType(String type) {
        this.type = type == null || type.isBlank() ? "jar" : type.toLowerCase(Locale.ROOT);
    }

    /** @return the folder inside the archive, {@code /}-separated; empty for the whole archive */
    public String getPath() {
        return path;
    }

    /** @param path the folder inside the archive that holds the specs */
    public void setPath(String path) {
        String p = path == null ? "" : path.strip().replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        this.path = p;
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version + (classifier.isEmpty() ? "" : ":" + classifier)
                + (type.equals("jar") ? "" : "@" + type)
                + (path.isEmpty() ? "" : "!/" + path);
    }
}
