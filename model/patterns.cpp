#include "model/patterns.h"

#include "model/textformat.h"

#include <QDebug>
#include <QFile>

#include <yaml-cpp/yaml.h>

// The patterns are data, compiled into the binaries from resources/patterns/: patterns.yaml lists
// them in order with their texts, and <id>.swb.yaml holds each design in the text format
// (model/textformat.h), so a pattern for a new service is two resource edits and no code. The
// designs are read like a user's file, through designFromJson(), so every value passes the same
// validation as an edit in the inspector; a file that fails is a bug in the resources and makes
// the pattern fail loudly (a warning, and no design).

namespace swb {

namespace {

struct PatternInfo {
    QString id;
    QString title;
    QString description;
    QString useCase; // one line: the workload it suits (the start page's cards)
};

QString text(const YAML::Node &entry, const char *key)
{
    const YAML::Node value = entry[key];
    return value && value.IsScalar() ? QString::fromStdString(value.Scalar()).trimmed() : QString();
}

QList<PatternInfo> readIndex()
{
    QFile file(QStringLiteral(":/patterns/patterns.yaml"));
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning() << "patterns: the bundled index is missing";
        return {};
    }
    QList<PatternInfo> patterns;
    try {
        const YAML::Node root = YAML::Load(file.readAll().toStdString());
        for (const YAML::Node &entry : root) {
            PatternInfo p{text(entry, "id"), text(entry, "title"), text(entry, "description"),
                          text(entry, "useCase")};
            if (p.id.isEmpty() || p.title.isEmpty()) {
                qWarning() << "patterns: an entry of the bundled index has no id or title";
                continue;
            }
            patterns.append(p);
        }
    } catch (const YAML::Exception &e) {
        qWarning() << "patterns: the bundled index does not parse:" << e.what();
    }
    return patterns;
}

const QList<PatternInfo> &index()
{
    static const QList<PatternInfo> patterns = readIndex();
    return patterns;
}

const PatternInfo *find(const QString &id)
{
    for (const PatternInfo &p : index()) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

} // namespace

QStringList patternIds()
{
    QStringList ids;
    for (const PatternInfo &p : index())
        ids.append(p.id);
    return ids;
}

QString patternTitle(const QString &id)
{
    const PatternInfo *p = find(id);
    return p ? p->title : QString();
}

QString patternDescription(const QString &id)
{
    const PatternInfo *p = find(id);
    return p ? p->description : QString();
}

QString patternUseCase(const QString &id)
{
    const PatternInfo *p = find(id);
    return p ? p->useCase : QString();
}

std::optional<Design> makePattern(const QString &id)
{
    if (!find(id))
        return std::nullopt;
    const QString path = QStringLiteral(":/patterns/%1.swb.yaml").arg(id);
    QFile file(path);
    Design design;
    QString error;
    if (!file.open(QIODevice::ReadOnly))
        error = QStringLiteral("%1 is missing").arg(path);
    else if (TextFormat::fromYaml(file.readAll(), path, &design, &error))
        return design;
    qWarning().noquote() << "pattern" << id << ":" << error;
    return std::nullopt;
}

} // namespace swb
