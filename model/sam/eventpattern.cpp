#include "model/sam/eventpattern.h"

#include "model/filterpolicy.h"
#include "model/sam/importreport.h"
#include "model/sam/samservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace swb::sam {

namespace {

bool isEnvelopeField(const QString &name)
{
    static const QStringList fields = {QStringLiteral("source"),    QStringLiteral("detail-type"),
                                       QStringLiteral("account"),   QStringLiteral("region"),
                                       QStringLiteral("resources"), QStringLiteral("id"),
                                       QStringLiteral("time"),      QStringLiteral("version")};
    return fields.contains(name);
}

} // namespace

CfnNode matchAllEventPattern()
{
    CfnNode prefix = CfnNode::makeMap();
    prefix.set(QStringLiteral("prefix"), CfnNode::makeString(QString()));
    CfnNode values = CfnNode::makeSequence();
    values.items.push_back(prefix);
    CfnNode pattern = CfnNode::makeMap();
    pattern.set(QStringLiteral("source"), values);
    return pattern;
}

std::optional<CfnNode> eventPatternNode(const QString &text)
{
    if (text.trimmed().isEmpty())
        return matchAllEventPattern();
    QList<FilterRule> rules;
    QString error;
    if (!parseFilterPolicy(text, &rules, &error))
        return std::nullopt;
    CfnNode pattern = CfnNode::makeMap();
    for (const FilterRule &r : std::as_const(rules)) {
        QStringList path = r.name.split(QLatin1Char('.'));
        if (!isEnvelopeField(r.name))
            path.prepend(QStringLiteral("detail"));
        CfnNode *node = &pattern;
        for (const QString &step : std::as_const(path)) {
            if (!node->get(step))
                node->set(step, step == path.last() ? CfnNode::makeSequence() : CfnNode::makeMap());
            node = node->get(step);
        }
        if (!node->isSequence())
            return std::nullopt; // a name that is also another name's parent
        node->items.push_back(CfnNode::makeString(r.value));
    }
    return pattern;
}

namespace {

CfnNode fromJson(const QJsonValue &v)
{
    if (v.isObject()) {
        CfnNode n = CfnNode::makeMap();
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            n.set(it.key(), fromJson(it.value()));
        return n;
    }
    if (v.isArray()) {
        CfnNode n = CfnNode::makeSequence();
        for (const QJsonValue &item : v.toArray())
            n.items.push_back(fromJson(item));
        return n;
    }
    if (v.isString())
        return CfnNode::makeString(v.toString());
    CfnNode n; // a number, boolean or null: not a string value
    n.type = CfnNode::Type::Null;
    return n;
}

// Exact string values of named fields, collected as "name=value" items.
bool collectRules(const CfnNode &node, const QString &prefix, QStringList *items)
{
    if (!node.isMap() || !node.tag.isEmpty())
        return false;
    for (const auto &[key, value] : node.entries) {
        const QString name = prefix.isEmpty() ? key : prefix + QLatin1Char('.') + key;
        if (value.isMap()) {
            if (!collectRules(value, name, items))
                return false;
            continue;
        }
        if (!value.isSequence() || value.items.empty() || !value.tag.isEmpty())
            return false;
        for (const CfnNode &v : value.items) {
            if (!v.isScalar() || !v.tag.isEmpty() || v.scalar.contains(QLatin1Char(','))
                || v.scalar.contains(QLatin1Char('=')))
                return false;
            items->append(name + QLatin1Char('=') + v.scalar.trimmed());
        }
    }
    return true;
}

} // namespace

std::optional<QString> eventPatternText(const CfnNode &node)
{
    CfnNode pattern = node;
    if (node.isScalar() && node.tag.isEmpty()) {
        const QJsonDocument doc = QJsonDocument::fromJson(node.scalar.toUtf8());
        if (!doc.isObject())
            return std::nullopt;
        pattern = fromJson(doc.object());
    }
    const CfnNode *source = pattern.get(QStringLiteral("source"));
    if (pattern.isMap() && pattern.entries.size() == 1 && source && source->isSequence()
        && source->items.size() == 1) {
        const CfnNode *prefix = source->items.front().get(QStringLiteral("prefix"));
        if (source->items.front().entries.size() == 1 && prefix && prefix->isScalar()
            && prefix->scalar.isEmpty())
            return QString(); // the pattern every event matches
    }
    if (!pattern.isMap() || !pattern.tag.isEmpty())
        return std::nullopt;
    QStringList items;
    for (const auto &[key, value] : pattern.entries) {
        if (key == QLatin1String("detail")) {
            // A detail name must not read as an envelope field on the way back.
            for (const auto &entry : value.entries) {
                if (isEnvelopeField(entry.first))
                    return std::nullopt;
            }
            if (!collectRules(value, QString(), &items))
                return std::nullopt;
        } else if (!isEnvelopeField(key) || value.isMap()) {
            return std::nullopt;
        } else {
            CfnNode one = CfnNode::makeMap();
            one.set(key, value);
            if (!collectRules(one, QString(), &items))
                return std::nullopt;
        }
    }
    if (items.isEmpty())
        return std::nullopt;
    return items.join(QStringLiteral(", "));
}

std::optional<QString> readEventPattern(ImportContext &x, const CfnNode *pattern,
                                        const QString &where)
{
    std::optional<QString> text = pattern ? eventPatternText(*pattern) : std::nullopt;
    if (!text)
        x.report().notes.append(
            QStringLiteral("%1: only exact values of event fields are modelled; the pattern is "
                           "kept as written and the targets' pattern match share (1) applies")
                .arg(where));
    return text;
}

} // namespace swb::sam
