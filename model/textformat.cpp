#include "model/textformat.h"

#include "model/designjson.h"
#include "model/referencedfile.h"
#include "model/sam/cfnyaml.h"
#include "model/textformat_p.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <cmath>

namespace swb {

using textformat::where;

namespace {

constexpr int kTextFormatVersion = 1;

// The YAML reader's bounds for a design: the size every design this version writes stays
// within (TextFormat::MaxBytes, checked on writing too), room for its nodes, the usual depth.
sam::ParseLimits textLimits()
{
    sam::ParseLimits limits;
    limits.maxBytes = TextFormat::MaxBytes;
    limits.maxNodes = TextFormat::MaxBytes / 4;
    limits.maxExpandedBytes = 4 * TextFormat::MaxBytes;
    return limits;
}

// Keys in the order a reader expects them; keys not listed follow alphabetically.
const QStringList &keyOrder()
{
    static const QStringList order = {
        QStringLiteral("format"),
        QStringLiteral("id"),
        QStringLiteral("kind"),
        QStringLiteral("name"),
        QStringLiteral("nextId"),
        QStringLiteral("source"),
        QStringLiteral("target"),
        QStringLiteral("x"),
        QStringLiteral("y"),
        QStringLiteral("start"),
        QStringLiteral("duration"),
        QStringLiteral("errorRate"),
        QStringLiteral("durationFactor"),
        QStringLiteral("rateFactor"),
        QStringLiteral("settings"),
        QStringLiteral("params"),
        QStringLiteral("components"),
        QStringLiteral("connections"),
        QStringLiteral("faults"),
        QStringLiteral("extra"),
    };
    return order;
}

QStringList orderedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys(); // QJsonObject keeps them sorted
    std::stable_sort(keys.begin(), keys.end(), [](const QString &a, const QString &b) {
        const qsizetype ia = keyOrder().indexOf(a);
        const qsizetype ib = keyOrder().indexOf(b);
        return (ia < 0 ? keyOrder().size() : ia) < (ib < 0 ? keyOrder().size() : ib);
    });
    return keys;
}

// A plain scalar that YAML would read back as something other than this string.
bool needsQuotes(const QString &text)
{
    static const QRegularExpression special(QStringLiteral(
        R"(^(|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|no|No|on|On|off|Off|y|n)$)"));
    if (special.match(text).hasMatch())
        return true;
    bool isNumber = false;
    text.toDouble(&isNumber);
    return isNumber || text.startsWith(QLatin1Char(' ')) || text.endsWith(QLatin1Char(' '))
           || text.contains(QLatin1Char('\n'));
}

void emitValue(YAML::Emitter &out, const QJsonValue &value);

void emitNumber(YAML::Emitter &out, double v)
{
    if (v == std::floor(v) && std::fabs(v) < 9.0e15)
        out << static_cast<long long>(v);
    else
        out << YAML::Precision(17) << v;
}

// Records (blocks, wires, faults) put their identity first; nested maps (params, settings,
// extra) are alphabetical, which QJsonObject already is.
void emitObject(YAML::Emitter &out, const QJsonObject &object,
                const QHash<qint64, QString> *blockNames = nullptr, bool isRecord = false)
{
    if (object.isEmpty())
        out << YAML::Flow; // "params: {}" on one line
    out << YAML::BeginMap;
    for (const QString &key : isRecord ? orderedKeys(object) : object.keys()) {
        out << YAML::Key << key.toStdString() << YAML::Value;
        const QJsonValue value = object.value(key);
        emitValue(out, value);
        // Wires and faults name their blocks by id; the name rides along as a comment.
        if (blockNames && (key == QLatin1String("source") || key == QLatin1String("target"))) {
            const QString name = blockNames->value(value.toInteger());
            if (!name.isEmpty())
                out << YAML::Comment(name.toStdString());
        }
    }
    out << YAML::EndMap;
}

void emitValue(YAML::Emitter &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out << YAML::Null;
        break;
    case QJsonValue::Bool:
        out << value.toBool();
        break;
    case QJsonValue::Double:
        emitNumber(out, value.toDouble());
        break;
    case QJsonValue::String: {
        const QString text = value.toString();
        if (needsQuotes(text))
            out << YAML::DoubleQuoted;
        out << text.toStdString();
        break;
    }
    case QJsonValue::Array: {
        if (value.toArray().isEmpty())
            out << YAML::Flow;
        out << YAML::BeginSeq;
        for (const QJsonValue &item : value.toArray())
            emitValue(out, item);
        out << YAML::EndSeq;
        break;
    }
    case QJsonValue::Object:
        emitObject(out, value.toObject());
        break;
    }
}

// ---- reading ---------------------------------------------------------------------------------

struct Located {
    QHash<QString, YAML::Mark> byRecord; // "block#4", "wire#7", "fault#9", "block@3" (list pos)
    QHash<QString, YAML::Mark> byName;   // block name -> mark
};

bool scalarToJson(const YAML::Node &node, QJsonValue *out)
{
    const std::string &raw = node.Scalar();
    const QString text = QString::fromStdString(raw);
    if (node.Tag() == "!") { // quoted: always a string
        *out = text;
        return true;
    }
    static const QRegularExpression nullRe(QStringLiteral("^(~|null|Null|NULL)$"));
    static const QRegularExpression trueRe(QStringLiteral("^(true|True|TRUE)$"));
    static const QRegularExpression falseRe(QStringLiteral("^(false|False|FALSE)$"));
    if (nullRe.match(text).hasMatch()) {
        *out = QJsonValue::Null;
    } else if (trueRe.match(text).hasMatch()) {
        *out = true;
    } else if (falseRe.match(text).hasMatch()) {
        *out = false;
    } else {
        bool isNumber = false;
        const double v = text.toDouble(&isNumber);
        if (isNumber)
            *out = v;
        else
            *out = text;
    }
    return true;
}

bool toJson(const YAML::Node &node, QJsonValue *out, const QString &source, QString *error)
{
    switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        *out = QJsonValue::Null;
        return true;
    case YAML::NodeType::Scalar:
        return scalarToJson(node, out);
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const YAML::Node &item : node) {
            QJsonValue value;
            if (!toJson(item, &value, source, error))
                return false;
            array.append(value);
        }
        *out = array;
        return true;
    }
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto &entry : node) {
            if (!entry.first.IsScalar()) {
                *error = QStringLiteral("%1: a key must be plain text")
                             .arg(where(source, entry.first.Mark()));
                return false;
            }
            const QString key = QString::fromStdString(entry.first.Scalar());
            if (object.contains(key)) {
                *error = QStringLiteral("%1: the key '%2' appears twice")
                             .arg(where(source, entry.first.Mark()), key);
                return false;
            }
            QJsonValue value;
            if (!toJson(entry.second, &value, source, error))
                return false;
            object.insert(key, value);
        }
        *out = object;
        return true;
    }
    }
    return false;
}

void locateRecords(const YAML::Node &root, Located *located)
{
    const struct {
        const char *key;
        const char *label;
    } lists[] = {{"components", "block"}, {"connections", "wire"}, {"faults", "fault"}};
    for (const auto &list : lists) {
        const YAML::Node items = root[list.key];
        if (!items || !items.IsSequence())
            continue;
        int position = 1;
        for (const YAML::Node &item : items) {
            const QString label = QLatin1String(list.label);
            located->byRecord.insert(label + QLatin1Char('@') + QString::number(position++),
                                     item.Mark());
            if (!item.IsMap())
                continue;
            if (item["id"] && item["id"].IsScalar())
                located->byRecord.insert(label + QLatin1Char('#')
                                             + QString::fromStdString(item["id"].Scalar()),
                                         item.Mark());
            if (label == QLatin1String("block") && item["name"] && item["name"].IsScalar())
                located->byName.insert(QString::fromStdString(item["name"].Scalar()), item.Mark());
        }
    }
}

// Finds the record a designFromJson() message is about, so the message can carry its line.
std::optional<YAML::Mark> markFor(const QString &message, const Located &located)
{
    static const QRegularExpression byId(QStringLiteral(R"(\b(block|wire|fault)s? #(\d+))"),
                                         QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression byPosition(QStringLiteral(R"(\b(block|wire|fault) (\d+) of)"));
    static const QRegularExpression byName(QStringLiteral(R"('([^']+)')"));
    auto m = byId.match(message);
    if (m.hasMatch()) {
        const QString key = m.captured(1).toLower() + QLatin1Char('#') + m.captured(2);
        if (located.byRecord.contains(key))
            return located.byRecord.value(key);
    }
    m = byPosition.match(message);
    if (m.hasMatch()) {
        const QString key = m.captured(1) + QLatin1Char('@') + m.captured(2);
        if (located.byRecord.contains(key))
            return located.byRecord.value(key);
    }
    m = byName.match(message);
    if (m.hasMatch() && located.byName.contains(m.captured(1)))
        return located.byName.value(m.captured(1));
    return std::nullopt;
}

} // namespace

QString TextFormat::id() const
{
    return QStringLiteral("yaml");
}

QString TextFormat::displayName() const
{
    return QStringLiteral("Serverless Workbench design as text");
}

QStringList TextFormat::suffixes() const
{
    return {QStringLiteral("swb.yaml"), QStringLiteral("swb.yml")};
}

bool TextFormat::canRead(const QString &path) const
{
    const std::optional<QByteArray> head = readFileHead(path, 64 * 1024);
    if (!head)
        return false;
    // The first key that is not a comment must be the format marker.
    for (const QByteArray &raw : head->split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#') || line == "---")
            continue;
        return line.startsWith("format:");
    }
    return false;
}

QByteArray TextFormat::toYaml(const Design &design)
{
    QHash<qint64, QString> names;
    for (const Component &c : design.components)
        names.insert(c.id, c.name);
    // A fault on an SNS subscription names its wire: "topic -> endpoint" as the comment.
    for (const Connection &w : design.connections)
        names.insert(w.id,
                     QStringLiteral("%1 -> %2").arg(names.value(w.source), names.value(w.target)));
    const QJsonObject json = designToJson(design);
    YAML::Emitter out;
    out.SetIndent(2);
    out << YAML::Comment("Serverless Workbench design (text format; see README)");
    out << YAML::BeginMap;
    for (const QString &key : orderedKeys(json)) {
        const QJsonValue value = json.value(key);
        if (key == QLatin1String("format")) {
            out << YAML::Key << "format" << YAML::Value << kTextFormatVersion;
            continue;
        }
        if (key == QLatin1String("extra") && value.toObject().isEmpty())
            continue;
        out << YAML::Key << key.toStdString() << YAML::Value;
        if (value.isArray()) {
            if (value.toArray().isEmpty())
                out << YAML::Flow;
            out << YAML::BeginSeq;
            for (const QJsonValue &item : value.toArray()) {
                QJsonObject record = item.toObject();
                if (record.value(QStringLiteral("extra")).toObject().isEmpty())
                    record.remove(QStringLiteral("extra"));
                emitObject(out, record, &names, true);
            }
            out << YAML::EndSeq;
        } else {
            emitValue(out, value);
        }
    }
    out << YAML::EndMap;
    return QByteArray(out.c_str()) + '\n';
}

bool TextFormat::fromYaml(const QByteArray &text, const QString &source, Design *out,
                          QString *error)
{
    // Bounds and syntax first, with the SAM reader's hostile-input guards.
    if (text.size() > MaxBytes) {
        *error = sizeMessage(source, text.size());
        return false;
    }
    const sam::ParseResult checked = sam::parseCfn(text, textLimits());
    if (!checked.ok) {
        *error = QStringLiteral("%1: %2").arg(source, checked.error);
        return false;
    }
    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception &e) {
        *error = QStringLiteral("%1: %2").arg(where(source, e.mark), QString::fromStdString(e.msg));
        return false;
    }
    if (!root.IsMap() || !root["format"]) {
        *error = QStringLiteral("%1: not a Serverless Workbench design: expected a map starting "
                                "with 'format: %2'")
                     .arg(source)
                     .arg(kTextFormatVersion);
        return false;
    }
    const YAML::Node format = root["format"];
    bool isInt = false;
    const int version =
        QString::fromStdString(format.IsScalar() ? format.Scalar() : std::string()).toInt(&isInt);
    if (!isInt || version < 1) {
        *error = QStringLiteral("%1: 'format' must be a whole number (this version writes %2)")
                     .arg(where(source, format.Mark()))
                     .arg(kTextFormatVersion);
        return false;
    }
    if (version > kTextFormatVersion) {
        *error = QStringLiteral("%1: made by a newer Serverless Workbench (format %2, this version "
                                "reads up to %3)")
                     .arg(where(source, format.Mark()))
                     .arg(version)
                     .arg(kTextFormatVersion);
        return false;
    }
    if (const QString unknown = textformat::checkKeys(root, source); !unknown.isEmpty()) {
        *error = unknown;
        return false;
    }
    QJsonValue json;
    if (!toJson(root, &json, source, error))
        return false;
    QJsonObject object = json.toObject();
    object.insert(QStringLiteral("format"), DesignJsonFormat);
    QString why;
    if (!designFromJson(object, out, &why)) {
        Located located;
        locateRecords(root, &located);
        const auto mark = markFor(why, located);
        *error = (mark ? where(source, *mark) : source) + QStringLiteral(": ") + why;
        return false;
    }
    return true;
}

QString TextFormat::sizeMessage(const QString &path, qint64 bytes)
{
    return QStringLiteral("%1 is %2 MB; a design text file may be at most %3 MB (save a larger "
                          "design as a .swb project)")
        .arg(path)
        .arg(double(bytes) / (1024 * 1024), 0, 'f', 1)
        .arg(MaxBytes / (1024 * 1024));
}

bool TextFormat::read(const QString &path, Design *out)
{
    const QFileInfo info(path);
    if (info.isFile() && info.size() > MaxBytes)
        return fail(sizeMessage(path, info.size()));
    QByteArray text;
    QString error;
    if (!readRegularFile(path, MaxBytes, &text, &error))
        return fail(error);
    Design design;
    if (!fromYaml(text, info.fileName(), &design, &error))
        return fail(error);
    *out = design;
    return true;
}

bool TextFormat::write(const QString &path, const Design &design)
{
    // What this writes, it reads back: the reader's size bound applies here, same message.
    const QByteArray text = toYaml(design);
    if (text.size() > MaxBytes)
        return fail(QStringLiteral("Cannot save %1").arg(sizeMessage(path, text.size())));
    QString error;
    if (!writeFileAtomically(path, text, OutputKind::DesignText, force(), &error))
        return fail(error);
    return true;
}

} // namespace swb
