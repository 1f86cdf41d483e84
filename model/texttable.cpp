#include "model/texttable.h"

#include <algorithm>

namespace swb {

namespace {

QString cellAt(const QStringList &row, qsizetype column)
{
    return column < row.size() ? row.at(column) : QString();
}

// A terminal cell stays on one line: control characters are shown escaped.
QString oneLine(QString text)
{
    text.replace(QLatin1String("\r\n"), QLatin1String("\\n"));
    text.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    text.replace(QLatin1Char('\r'), QLatin1String("\\r"));
    text.replace(QLatin1Char('\t'), QLatin1String("\\t"));
    return text;
}

} // namespace

QString csvField(const QString &text)
{
    static const QString special = QStringLiteral(",\"\n\r");
    const bool blanksAtEnds = !text.isEmpty() && (text.front().isSpace() || text.back().isSpace());
    if (!blanksAtEnds
        && std::none_of(text.cbegin(), text.cend(), [](QChar c) { return special.contains(c); }))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString csvLine(const QStringList &fields)
{
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString &f : fields)
        quoted.append(csvField(f));
    return quoted.join(QLatin1Char(','));
}

QString markdownText(const QString &text)
{
    static const QString special = QStringLiteral("\\|`*_[]<>~");
    QString out;
    out.reserve(text.size() + 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\r')) {
            if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            out += QLatin1String("<br>");
        } else if (c == QLatin1Char('\n')) {
            out += QLatin1String("<br>");
        } else if (c == QLatin1Char('\t')) {
            out += QLatin1Char(' ');
        } else {
            if (special.contains(c))
                out += QLatin1Char('\\');
            out += c;
        }
    }
    return out;
}

QString TextTable::toCsv() const
{
    QString out = csvLine(header) + QLatin1Char('\n');
    for (const QStringList &row : rows) {
        QStringList padded = row;
        while (padded.size() < header.size())
            padded.append(QString());
        out += csvLine(padded) + QLatin1Char('\n');
    }
    return out;
}

QString TextTable::toMarkdown() const
{
    const auto line = [this](const QStringList &row, bool isHeader) {
        QString text = QStringLiteral("|");
        for (qsizetype c = 0; c < header.size(); ++c) {
            const QString cell = cellAt(row, c);
            const bool raw = !isHeader && rawMarkdown.contains(int(c));
            text += QLatin1Char(' ') + (raw ? cell : markdownText(cell)) + QStringLiteral(" |");
        }
        return text + QLatin1Char('\n');
    };
    QString out = line(header, true) + QLatin1Char('|');
    for (qsizetype c = 0; c < header.size(); ++c)
        out += c < align.size() && align.at(c) == Align::Right ? QStringLiteral("---:|")
                                                               : QStringLiteral("---|");
    out += QLatin1Char('\n');
    for (const QStringList &row : rows)
        out += line(row, false);
    return out;
}

QString TextTable::toText() const
{
    QList<QStringList> lines{header};
    for (const QStringList &row : rows)
        lines.append(row);
    QList<qsizetype> width(header.size(), 0);
    for (QStringList &line : lines) {
        for (qsizetype c = 0; c < header.size(); ++c) {
            if (c < line.size())
                line[c] = oneLine(line[c]);
            width[c] = std::max(width[c], cellAt(line, c).size());
        }
    }
    QString out;
    for (const QStringList &line : std::as_const(lines)) {
        QString text;
        for (qsizetype c = 0; c < header.size(); ++c) {
            const bool right = c < align.size() && align.at(c) == Align::Right;
            const QString cell = cellAt(line, c);
            text += (c ? QStringLiteral("  ") : QString())
                    + (right ? cell.rightJustified(width[c]) : cell.leftJustified(width[c]));
        }
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        out += text + QLatin1Char('\n');
    }
    return out;
}

} // namespace swb
