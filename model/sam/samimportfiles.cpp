// The files a template names (CodeUri, DefinitionUri, Include locations, a workbench
// template's replay CSV), checked without reading them and only inside the template's folder or
// an allowed one (model/referencedfile.h): a template may come from anyone, and must not learn
// through the report whether a file exists elsewhere.

#include "model/referencedfile.h"
#include "model/sam/samimporter_p.h"

namespace swb::sam {

namespace {

QString resourceWhere(const QString &logicalId, const QString &property)
{
    return QStringLiteral("Resources.%1.Properties.%2").arg(logicalId, property);
}

} // namespace

void Importer::checkReferencedFiles()
{
    // Only paths inside the template's folder (or an allowed one) are looked at: a path outside
    // is reported the same way whether or not something is there, so a template cannot probe
    // the file system (referencedfile.h).
    const auto check = [this](const CfnNode *node, const QString &where) {
        if (!node || !node->isScalar() || !node->tag.isEmpty())
            return;
        const QString path = node->scalar.trimmed();
        if (!isLocalPath(path))
            return;
        switch (resolveReference(path, m_access).status) {
        case ResolvedReference::Status::Outside:
            m_report.missingFiles.append(
                QStringLiteral("%1: '%2' is outside the template's folder; it is not read or "
                               "checked (allow its folder explicitly: swb --allow-dir DIR)")
                    .arg(where, path));
            break;
        case ResolvedReference::Status::Missing:
            m_report.missingFiles.append(
                QStringLiteral("%1: '%2' does not exist next to the template").arg(where, path));
            break;
        case ResolvedReference::Status::Inside:
            break;
        }
    };
    check(m_root.path(QStringLiteral("Globals.Function.CodeUri")),
          QStringLiteral("Globals.Function.CodeUri"));
    const CfnNode &resources = *m_root.get(QStringLiteral("Resources"));
    for (const auto &[logicalId, resource] : resources.entries) {
        const CfnNode *props = resource.get(QStringLiteral("Properties"));
        if (!props)
            continue;
        for (const char *key : {"CodeUri", "DefinitionUri", "ContentUri", "Location"})
            check(props->get(QLatin1String(key)), resourceWhere(logicalId, QLatin1String(key)));
        // DefinitionBody / Body: Fn::Transform AWS::Include with a local Location.
        for (const char *key : {"DefinitionBody", "Body"}) {
            const CfnNode *body = props->get(QLatin1String(key));
            const CfnNode *transform = body ? body->get(QStringLiteral("Fn::Transform")) : nullptr;
            if (transform)
                check(transform->path(QStringLiteral("Parameters.Location")),
                      resourceWhere(logicalId, QLatin1String(key))
                          + QStringLiteral(".Fn::Transform.Parameters.Location"));
        }
    }
}

// A workbench template's Metadata can name a replay CSV for a traffic source; it is kept (the
// run reads it only from the design's folder) and reported here when it points elsewhere.
void Importer::checkReplayFiles()
{
    for (const Component &c : std::as_const(m_design.components)) {
        const QString file = c.params.value(QStringLiteral("replayFile")).toString().trimmed();
        if (c.kind != ComponentKind::TrafficSource || file.isEmpty())
            continue;
        if (resolveReference(file, m_access).status == ResolvedReference::Status::Outside)
            m_report.missingFiles.append(
                QStringLiteral("Metadata.ServerlessWorkbench: traffic '%1' replays '%2', which "
                               "is outside the template's folder; a run will not read it")
                    .arg(c.name, file));
    }
}

} // namespace swb::sam
