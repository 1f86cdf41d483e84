#include "commandline.h"

#include <QCommandLineParser>
#include <QRegularExpression>

namespace swb::cli {

namespace {

constexpr int kWidth = 79;

QString dashed(const QString &name)
{
    return (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
}

QString quoted(const QString &text)
{
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

QList<OptionSpec> withHelp(const CommandSpec &spec)
{
    QList<OptionSpec> options = spec.options;
    options.append(helpOption());
    return options;
}

// "-f, --format=FORMAT" (a long-only option is indented to line up with the long names).
QString optionLabel(const OptionSpec &o)
{
    QStringList shorts, longs;
    for (const QString &n : o.names)
        (n.size() == 1 ? shorts : longs).append(dashed(n));
    QString label = shorts.isEmpty() ? QStringLiteral("    ") : shorts.join(QStringLiteral(", "));
    if (!longs.isEmpty())
        label += (shorts.isEmpty() ? QString() : QStringLiteral(", "))
                 + longs.join(QStringLiteral(", "));
    if (o.takesValue())
        label += (longs.isEmpty() ? QStringLiteral(" ") : QStringLiteral("=")) + o.valueName;
    return label;
}

QString optionText(const OptionSpec &o)
{
    QString text = o.description;
    if (!o.allowed.isEmpty() && !text.contains(o.allowed.first()))
        text += QStringLiteral(" One of: %1.").arg(o.allowed.join(QStringLiteral(", ")));
    if (!o.defaultValue.isEmpty())
        text += QStringLiteral(" (default: %1)").arg(o.defaultValue);
    if (o.repeatable)
        text += QStringLiteral(" May be given more than once.");
    return text;
}

} // namespace

QString twoColumns(const QList<std::pair<QString, QString>> &items)
{
    int labelWidth = 0;
    for (const auto &[label, text] : items)
        labelWidth = std::max(labelWidth, int(label.size()));
    const int column = std::min(labelWidth, 26) + 4;
    QString out;
    for (const auto &[label, text] : items) {
        QString line = QStringLiteral("  ") + label;
        if (line.size() + 2 > column) {
            out += line + QLatin1Char('\n') + wrapText(text, kWidth, column, column);
        } else {
            out += line.leftJustified(column) + wrapText(text, kWidth, column, column).mid(column);
        }
    }
    return out;
}

QString OptionSpec::longName() const
{
    for (const QString &n : names) {
        if (n.size() > 1)
            return dashed(n);
    }
    return names.isEmpty() ? QString() : dashed(names.first());
}

const QStringList *Args::find(const QString &name) const
{
    const auto canonical = m_canonical.constFind(name);
    if (canonical == m_canonical.cend())
        return nullptr;
    const auto it = m_values.constFind(*canonical);
    return it == m_values.cend() ? nullptr : &*it;
}

bool Args::isSet(const QString &name) const
{
    return find(name) != nullptr;
}

QString Args::value(const QString &name, const QString &fallback) const
{
    const QStringList *values = find(name);
    return values && !values->isEmpty() ? values->last() : fallback;
}

QStringList Args::values(const QString &name) const
{
    const QStringList *values = find(name);
    return values ? *values : QStringList();
}

QString parseCommandLine(const CommandSpec &spec, const QStringList &args, Args *parsed)
{
    *parsed = Args();
    const QList<OptionSpec> options = withHelp(spec);
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    QList<QCommandLineOption> qtOptions;
    for (const OptionSpec &o : options) {
        QCommandLineOption option(o.names, o.description, o.valueName);
        qtOptions.append(option);
        parser.addOption(option);
        for (const QString &n : o.names)
            parsed->m_canonical.insert(n, o.names.first());
    }
    QStringList argv = args;
    argv.prepend(QStringLiteral("swb"));
    if (!parser.parse(argv)) {
        const QStringList unknown = parser.unknownOptionNames();
        if (!unknown.isEmpty()) {
            QStringList known;
            for (const OptionSpec &o : options)
                known.append(o.longName());
            return QStringLiteral("unknown option %1 (options: %2)")
                .arg(quoted(dashed(unknown.first())), known.join(QStringLiteral(", ")));
        }
        // Qt's own wording ("Missing value after '--format'.") already names the option.
        static const QRegularExpression missing(QStringLiteral("^Missing value after '(.*)'\\.$"));
        static const QRegularExpression unexpected(
            QStringLiteral("^Unexpected value after '(.*)'\\.$"));
        const QString error = parser.errorText();
        if (const auto m = missing.match(error); m.hasMatch())
            return QStringLiteral("option %1 needs a value").arg(quoted(m.captured(1)));
        if (const auto m = unexpected.match(error); m.hasMatch())
            return QStringLiteral("option %1 takes no value").arg(quoted(m.captured(1)));
        return error;
    }
    for (qsizetype i = 0; i < options.size(); ++i) {
        const OptionSpec &o = options.at(i);
        if (!parser.isSet(qtOptions.at(i)))
            continue;
        QStringList values =
            o.takesValue() ? parser.values(qtOptions.at(i)) : QStringList{QString()};
        if (o.takesValue() && values.size() > 1 && !o.repeatable) {
            QStringList shown;
            for (const QString &v : values)
                shown.append(quoted(v));
            return QStringLiteral("option %1 is given %2 times (%3); give it once")
                .arg(quoted(o.longName()))
                .arg(values.size())
                .arg(shown.join(QStringLiteral(", ")));
        }
        for (const QString &v : std::as_const(values)) {
            if (!o.allowed.isEmpty() && !o.allowed.contains(v))
                return QStringLiteral("option %1: %2 is not allowed (allowed: %3)")
                    .arg(quoted(o.longName()), quoted(v), o.allowed.join(QStringLiteral(", ")));
        }
        parsed->m_values.insert(o.names.first(), values);
    }
    parsed->positional = parser.positionalArguments();
    return {};
}

QString wrapText(const QString &text, int width, int indent, int firstIndent)
{
    QString out;
    for (const QString &paragraph : text.split(QLatin1Char('\n'))) {
        QString line(firstIndent, QLatin1Char(' '));
        bool empty = true;
        for (const QString &word : paragraph.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (!empty && line.size() + 1 + word.size() > width) {
                out += line + QLatin1Char('\n');
                line = QString(indent, QLatin1Char(' '));
                empty = true;
            }
            line += (empty ? QString() : QStringLiteral(" ")) + word;
            empty = false;
        }
        out += line + QLatin1Char('\n');
        firstIndent = indent;
    }
    return out;
}

QString helpText(const CommandSpec &spec)
{
    QString out = QStringLiteral("Usage: swb %1 %2\n").arg(spec.name, spec.usage);
    out += wrapText(spec.summary, kWidth, 0);
    if (!spec.description.isEmpty()) {
        for (const QString &paragraph : spec.description.split(QStringLiteral("\n\n")))
            out += QLatin1Char('\n') + wrapText(paragraph, kWidth, 0);
    }
    if (!spec.arguments.isEmpty()) {
        QList<std::pair<QString, QString>> items;
        for (const ArgumentSpec &a : spec.arguments)
            items.append({a.name, a.description});
        out += QStringLiteral("\nArguments:\n") + twoColumns(items);
    }
    QList<std::pair<QString, QString>> items;
    for (const OptionSpec &o : withHelp(spec))
        items.append({optionLabel(o), optionText(o)});
    out += QStringLiteral("\nOptions:\n") + twoColumns(items);
    if (!spec.examples.isEmpty()) {
        // A blank line between examples keeps each its own paragraph in the manual page.
        out += QStringLiteral("\nExamples:\n  ") + spec.examples.join(QStringLiteral("\n\n  "))
               + QLatin1Char('\n');
    }
    if (!spec.exitStatus.isEmpty())
        out += QStringLiteral("\nExit status:\n") + wrapText(spec.exitStatus, kWidth, 2, 2);
    return out;
}

OptionSpec formatOption(const QStringList &allowed, const QString &what)
{
    OptionSpec o;
    o.names = {QStringLiteral("f"), QStringLiteral("format")};
    o.valueName = QStringLiteral("FORMAT");
    o.description =
        QStringLiteral("How to print %1: %2.").arg(what, allowed.join(QStringLiteral(", ")));
    o.allowed = allowed;
    o.defaultValue = allowed.first();
    return o;
}

OptionSpec helpOption()
{
    OptionSpec o;
    o.names = {QStringLiteral("h"), QStringLiteral("help")};
    o.description = QStringLiteral("Show this help and exit.");
    return o;
}

} // namespace swb::cli
