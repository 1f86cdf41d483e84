#pragma once
// Compiles a Design (the model, addressed by stable ComponentId) into the core's immutable
// core::Scenario (plain structs addressed by dense indices), with the mapping between the two.
//
// Unit conversions (catalogue unit -> scenario field):
//   KB -> bytes (x 1024); ms stays ms; s stays s; h stays h (Kinesis retention);
//   -1 sentinels: ESM maximumConcurrency -1 -> 0 ("not set"), Task retryMaxDelay -1 -> 0 (no cap),
//   Kinesis maxRetryAttempts / maxRecordAge -1 stay -1 (infinite).
// Representations that are approximations are reported as Info findings (code "sim-approx-..."),
// so a user sees what the run does not model exactly. Notable ones:
//   - on-demand Kinesis streams run as 4 shards: on-demand starts at 4 MB/s write (aws-behaviour.md
//   §5), the
//     write capacity of 4 provisioned shards; its later auto-scaling is not simulated;
//   - a diurnal peak factor f (peak / mean) becomes the core's max/min ratio f / (2 - f) of a
//     cosine around the mean; f >= 2 is capped at a near-zero minimum (peak = 2 x mean);
//   - message attributes and SNS filter policies become value masks when the topic's upstream
//     traffic sources carry one attribute name; otherwise a match probability.

#include "model/design.h"

#include "core/scenario.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace swb {

// A problem or note found while compiling a design for the simulator. Error = the run is refused.
// Findings of model analysis (model/analysis.h) are carried over with their code and severity.
struct BuildFinding {
    enum class Severity { Error, Warning, Info };
    Severity severity = Severity::Error;
    QString code;    // stable id ("sim-sfn-task-target", or the analysis code)
    QString message; // names blocks by name
    QList<ComponentId> components;
    QList<ConnectionId> connections;
};

struct BuildOptions {
    std::optional<double> durationSeconds; // overrides the project's "duration" setting
    std::optional<quint64> seed;           // overrides the project's "seed" setting
    double binWidthSeconds = 0;            // 0 = the core's automatic choice
    // Folder that relative replay CSV paths are resolved against (the project file's folder).
    // Replay files are read only inside it or inside allowedDirectories (folders the user
    // allowed explicitly, swb --allow-dir): see model/referencedfile.h.
    QString baseDirectory;
    QStringList allowedDirectories;
    // Run model analysis (model/analysis.h) and refuse on its Error findings. Tests of the
    // mapping alone may switch it off.
    bool runAnalysis = true;
};

struct BuildResult {
    bool ok = false; // false: scenario is not runnable, see the Error findings
    core::Scenario scenario;
    QList<BuildFinding> findings;

    // Both directions of the id mapping. Only simulated blocks are mapped (all kinds are).
    QHash<ComponentId, core::ComponentRef> refs;
    core::ComponentRef refOf(ComponentId id) const { return refs.value(id); }
    ComponentId componentOf(core::ComponentRef ref) const;
    QString componentName(ComponentId id) const { return names.value(id); }

    QHash<ComponentId, QString> names;
    // Scenario edge index -> the wire it came from (core warnings name edges by index).
    QList<ConnectionId> edgeConnections;
    // Per core kind, index -> ComponentId (indexed by core::ComponentKind).
    std::vector<std::vector<ComponentId>> byKind;

    QList<BuildFinding> errors() const;
    // "error  CODE  message" lines, for a refusal message.
    QString errorText() const;
};

BuildResult buildScenario(const Design &design, const BuildOptions &options = {});

// The core's kind for a model kind (the enums differ only by the core's extra None).
core::ComponentKind toCoreKind(ComponentKind kind);

} // namespace swb
