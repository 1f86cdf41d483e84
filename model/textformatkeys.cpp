// The text format's key check (textformat_p.h): a typo must never be read as "not set". Renaming
// a block's "params:" to "parms:" once reset every parameter to its default and moved the
// monthly cost from $2,651.94 to $837.84 without a word.

#include "model/textformat_p.h"

#include "model/designjson.h"
#include "model/nearestname.h"
#include "model/parametercatalogue.h"

#include <QHash>

namespace swb::textformat {

namespace {

QStringList keysOf(const QList<ParamSpec> &specs)
{
    QStringList keys;
    for (const ParamSpec &spec : specs)
        keys.append(spec.key);
    return keys;
}

QString scalarText(const YAML::Node &node)
{
    return node && node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString();
}

// map[key] of a map node; an empty node otherwise (yaml-cpp throws on a scalar's subscript).
YAML::Node field(const YAML::Node &map, const char *key)
{
    return map.IsMap() ? map[key] : YAML::Node();
}

class KeyChecker
{
public:
    explicit KeyChecker(QString source)
        : m_source(std::move(source))
    {}

    QString error() const { return m_error; }

    // Every key of map is in allowed; owner names the map in the message.
    bool check(const YAML::Node &map, const QStringList &allowed, const QString &owner)
    {
        if (!map || !map.IsMap())
            return true; // the shape is designFromJson()'s to refuse
        for (const auto &entry : map) {
            if (!entry.first.IsScalar())
                continue; // "a key must be plain text": refused by the JSON conversion
            const QString key = QString::fromStdString(entry.first.Scalar());
            if (allowed.contains(key))
                continue;
            m_error = QStringLiteral("%1: %2 has no key '%3'%4")
                          .arg(where(m_source, entry.first.Mark()), owner, key,
                               suggestionFor(key, allowed));
            return false;
        }
        return true;
    }

private:
    QString m_source;
    QString m_error;
};

} // namespace

QString where(const QString &source, const YAML::Mark &mark)
{
    return QStringLiteral("%1:%2:%3").arg(source).arg(mark.line + 1).arg(mark.column + 1);
}

QString checkKeys(const YAML::Node &root, const QString &source)
{
    static const QStringList top = {QStringLiteral("format"),     QStringLiteral("name"),
                                    QStringLiteral("nextId"),     QStringLiteral("settings"),
                                    QStringLiteral("components"), QStringLiteral("connections"),
                                    QStringLiteral("faults"),     QStringLiteral("extra")};
    static const QStringList block = {
        QStringLiteral("id"), QStringLiteral("kind"),   QStringLiteral("name"), QStringLiteral("x"),
        QStringLiteral("y"),  QStringLiteral("params"), QStringLiteral("extra")};
    static const QStringList wire = {QStringLiteral("id"),     QStringLiteral("kind"),
                                     QStringLiteral("source"), QStringLiteral("target"),
                                     QStringLiteral("params"), QStringLiteral("extra")};
    static const QStringList fault = {QStringLiteral("id"),
                                      QStringLiteral("kind"),
                                      QStringLiteral("target"),
                                      QStringLiteral("start"),
                                      QStringLiteral("duration"),
                                      QStringLiteral("errorRate"),
                                      QStringLiteral("durationFactor"),
                                      QStringLiteral("rateFactor")};

    KeyChecker checker(source);
    if (!checker.check(root, top, QStringLiteral("the design")))
        return checker.error();
    if (!checker.check(root["settings"], keysOf(catalogue::projectParams()),
                       QStringLiteral("the settings")))
        return checker.error();

    QHash<QString, ComponentKind> kindById; // block id (as written) -> kind, for wire params
    const YAML::Node components = root["components"];
    if (components && components.IsSequence()) {
        for (const YAML::Node &item : components) {
            const QString name = scalarText(field(item, "name"));
            const QString owner =
                name.isEmpty() ? QStringLiteral("a block") : QStringLiteral("block '%1'").arg(name);
            if (!checker.check(item, block, owner))
                return checker.error();
            ComponentKind kind;
            QString ignored;
            if (!parseComponentKind(scalarText(field(item, "kind")), &kind, &ignored))
                continue; // an unknown kind is refused, with the list, by designFromJson()
            kindById.insert(scalarText(field(item, "id")), kind);
            if (!checker.check(field(item, "params"), keysOf(catalogue::componentParams(kind)),
                               QStringLiteral("the parameters of %1 (%2)")
                                   .arg(owner, componentKindName(kind))))
                return checker.error();
        }
    }
    const YAML::Node connections = root["connections"];
    if (connections && connections.IsSequence()) {
        for (const YAML::Node &item : connections) {
            const QString id = scalarText(field(item, "id"));
            const QString owner =
                id.isEmpty() ? QStringLiteral("a wire") : QStringLiteral("wire #%1").arg(id);
            if (!checker.check(item, wire, owner))
                return checker.error();
            ConnectionKind kind;
            QString ignored;
            const QString source = scalarText(field(item, "source"));
            if (!parseConnectionKind(scalarText(field(item, "kind")), &kind, &ignored)
                || !kindById.contains(source))
                continue; // refused with its reason by designFromJson()
            if (!checker.check(field(item, "params"),
                               keysOf(catalogue::connectionParams(kind, kindById.value(source))),
                               QStringLiteral("the parameters of %1 (%2)")
                                   .arg(owner, connectionKindName(kind))))
                return checker.error();
        }
    }
    const YAML::Node faults = root["faults"];
    if (faults && faults.IsSequence()) {
        for (const YAML::Node &item : faults) {
            const QString id = scalarText(field(item, "id"));
            if (!checker.check(item, fault,
                               id.isEmpty() ? QStringLiteral("a fault")
                                            : QStringLiteral("fault #%1").arg(id)))
                return checker.error();
        }
    }
    return {};
}

} // namespace swb::textformat
