#include "model/sam/cfnnode.h"

#include <QLocale>
#include <QRegularExpression>
#include <QStringList>

namespace swb::sam {

namespace {

// Text a YAML 1.1/1.2 reader would take for something other than a string.
bool looksNonString(const QString &text)
{
    static const QRegularExpression special(QStringLiteral(
        "^(|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|"
        "Off|OFF|y|Y|n|N|[-+]?(\\.[0-9]+|[0-9][0-9_]*)(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]"
        "+|"
        "0o[0-7]+|[0-9]{4}-[0-9]{2}-[0-9]{2}.*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$"));
    return special.match(text).hasMatch();
}

} // namespace

CfnNode CfnNode::makeString(const QString &text)
{
    CfnNode n;
    n.type = Type::Scalar;
    n.scalar = text;
    n.quoted = looksNonString(text);
    return n;
}

CfnNode CfnNode::makeNumber(double value)
{
    CfnNode n;
    n.type = Type::Scalar;
    n.scalar = QString::number(value, 'g', QLocale::FloatingPointShortest);
    return n;
}

CfnNode CfnNode::makeInteger(qlonglong value)
{
    CfnNode n;
    n.type = Type::Scalar;
    n.scalar = QString::number(value);
    return n;
}

CfnNode CfnNode::makeBool(bool value)
{
    CfnNode n;
    n.type = Type::Scalar;
    n.scalar = value ? QStringLiteral("true") : QStringLiteral("false");
    return n;
}

CfnNode CfnNode::makeTagged(const QString &tagName, const CfnNode &value)
{
    CfnNode n = value;
    n.tag = tagName;
    return n;
}

const CfnNode *CfnNode::get(const QString &key) const
{
    if (type != Type::Map)
        return nullptr;
    for (const auto &entry : entries) {
        if (entry.first == key)
            return &entry.second;
    }
    return nullptr;
}

CfnNode *CfnNode::get(const QString &key)
{
    return const_cast<CfnNode *>(std::as_const(*this).get(key));
}

const CfnNode *CfnNode::path(const QString &dotted) const
{
    const CfnNode *node = this;
    for (const QString &part : dotted.split(QLatin1Char('.'))) {
        node = node->get(part);
        if (!node)
            return nullptr;
    }
    return node;
}

void CfnNode::set(const QString &key, const CfnNode &value)
{
    if (type != Type::Map) {
        *this = makeMap();
    }
    if (CfnNode *existing = get(key)) {
        *existing = value;
        return;
    }
    entries.emplace_back(key, value);
}

bool CfnNode::remove(const QString &key)
{
    for (auto it = entries.begin(); it != entries.end(); ++it) {
        if (it->first == key) {
            entries.erase(it);
            return true;
        }
    }
    return false;
}

bool CfnNode::removePath(const QString &dotted)
{
    const int dot = dotted.indexOf(QLatin1Char('.'));
    if (dot < 0)
        return remove(dotted);
    CfnNode *child = get(dotted.left(dot));
    if (!child || !child->removePath(dotted.mid(dot + 1)))
        return false;
    if (child->isMap() && child->entries.empty())
        remove(dotted.left(dot));
    return true;
}

void CfnNode::setPath(const QString &dotted, const CfnNode &value)
{
    const int dot = dotted.indexOf(QLatin1Char('.'));
    if (dot < 0) {
        set(dotted, value);
        return;
    }
    const QString head = dotted.left(dot);
    CfnNode *child = get(head);
    if (!child || !child->isMap()) {
        set(head, makeMap());
        child = get(head);
    }
    child->setPath(dotted.mid(dot + 1), value);
}

bool asIntrinsic(const CfnNode &node, Intrinsic *out)
{
    static const QStringList known = {
        QStringLiteral("Ref"),          QStringLiteral("GetAtt"),    QStringLiteral("Sub"),
        QStringLiteral("Join"),         QStringLiteral("If"),        QStringLiteral("Select"),
        QStringLiteral("Split"),        QStringLiteral("FindInMap"), QStringLiteral("ImportValue"),
        QStringLiteral("GetAZs"),       QStringLiteral("Base64"),    QStringLiteral("Equals"),
        QStringLiteral("Not"),          QStringLiteral("And"),       QStringLiteral("Or"),
        QStringLiteral("Condition"),    QStringLiteral("Cidr"),      QStringLiteral("Length"),
        QStringLiteral("ToJsonString"),
    };
    if (!node.tag.isEmpty() && known.contains(node.tag)) {
        out->name = node.tag;
        out->argument = &node;
        return true;
    }
    if (node.isMap() && node.entries.size() == 1) {
        const QString &key = node.entries.front().first;
        QString name;
        if (key == QLatin1String("Ref") || key == QLatin1String("Condition"))
            name = key;
        else if (key.startsWith(QLatin1String("Fn::")))
            name = key.mid(4);
        if (!name.isEmpty() && known.contains(name)) {
            out->name = name;
            out->argument = &node.entries.front().second;
            return true;
        }
    }
    return false;
}

QStringList subPlaceholders(const QString &text)
{
    static const QRegularExpression placeholder(QStringLiteral("\\$\\{([^!}][^}]*)\\}"));
    QStringList names;
    auto it = placeholder.globalMatch(text);
    while (it.hasNext())
        names.append(it.next().captured(1).trimmed());
    return names;
}

namespace {

void appendUnique(QStringList *list, const QString &name)
{
    if (!name.isEmpty() && !list->contains(name))
        list->append(name);
}

void collect(const CfnNode &node, QStringList *names, int depth)
{
    if (depth > 512)
        return;
    Intrinsic call;
    if (asIntrinsic(node, &call)) {
        const CfnNode &arg = *call.argument;
        if (call.name == QLatin1String("Ref") && arg.isScalar()) {
            appendUnique(names, arg.scalar);
            return;
        }
        if (call.name == QLatin1String("GetAtt")) {
            if (arg.isScalar())
                appendUnique(names, arg.scalar.section(QLatin1Char('.'), 0, 0));
            else if (arg.isSequence() && !arg.items.empty() && arg.items.front().isScalar())
                appendUnique(names, arg.items.front().scalar);
            return;
        }
        if (call.name == QLatin1String("Sub")) {
            QString text;
            QStringList local;
            if (arg.isScalar()) {
                text = arg.scalar;
            } else if (arg.isSequence() && !arg.items.empty()) {
                text = arg.items.front().scalar;
                if (arg.items.size() > 1 && arg.items[1].isMap()) {
                    for (const auto &entry : arg.items[1].entries) {
                        local.append(entry.first);
                        collect(entry.second, names, depth + 1);
                    }
                }
            }
            for (const QString &p : subPlaceholders(text)) {
                const QString name = p.section(QLatin1Char('.'), 0, 0);
                if (!local.contains(name))
                    appendUnique(names, name);
            }
            return;
        }
        if (&arg != &node) {
            collect(arg, names, depth + 1);
            return;
        }
    }
    if (node.isSequence()) {
        for (const CfnNode &item : node.items)
            collect(item, names, depth + 1);
    } else if (node.isMap()) {
        for (const auto &entry : node.entries)
            collect(entry.second, names, depth + 1);
    }
}

} // namespace

QStringList referencedNames(const CfnNode &node)
{
    QStringList names;
    collect(node, &names, 0);
    return names;
}

} // namespace swb::sam
