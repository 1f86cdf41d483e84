#pragma once
// Independent readers for the exported files, shared by tests/model, tests/cli and
// tests/ui: nothing here uses the project's writers. XLSX: the `unzip` tool and QXmlStreamReader
// over the sheet XML; PDF: poppler-utils' `pdfinfo` and `pdftotext`.

#include <QFile>
#include <QHash>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QXmlStreamReader>

namespace swb::test {

// A file's bytes, empty when it cannot be read.
inline QByteArray readFileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Output of a tool, or a null QByteArray when it could not run or failed.
inline QByteArray runTool(const QString &tool, const QStringList &args)
{
    QProcess p;
    p.start(tool, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return {};
    const QByteArray out = p.readAllStandardOutput();
    return out.isNull() ? QByteArray("") : out;
}

// A strict RFC 4180 reader: fields, quoted fields with doubled quotes and embedded line breaks;
// *problem says where the text breaks the rules.
inline QList<QStringList> parseCsv(const QString &text, QString *problem)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false, wasQuoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            if (!field.isEmpty() || wasQuoted)
                *problem = QStringLiteral("quote inside an unquoted field at %1").arg(i);
            quoted = wasQuoted = true;
        } else if (c == u',') {
            row.append(field);
            field.clear();
            wasQuoted = false;
        } else if (c == u'\n') {
            row.append(field);
            rows.append(row);
            row.clear();
            field.clear();
            wasQuoted = false;
        } else {
            field += c;
        }
    }
    if (quoted)
        *problem = QStringLiteral("unterminated quote");
    if (!row.isEmpty() || !field.isEmpty())
        *problem = QStringLiteral("last line has no line end");
    return rows;
}

inline bool haveTool(const char *tool)
{
    return !QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty();
}

// A dollar figure read back from an export, in cents. The cost outputs hold whole cents (rows
// rounded to the cent, totals summing them), so this is exact, and comparing cents says "equal
// to the cent" without a tolerance.
inline qint64 cents(double usd)
{
    return qRound64(usd * 100.0);
}

inline qint64 cents(const QString &usd)
{
    return cents(usd.toDouble());
}

struct XlsxCell {
    QString ref;
    QString formula; // without the leading '='
    QString value;   // the cached value, or the text of a string cell
};

// The workbook's shared strings, in index order.
inline QStringList xlsxSharedStrings(const QString &xlsx)
{
    QStringList strings;
    QXmlStreamReader xml(
        runTool(QStringLiteral("unzip"),
                {QStringLiteral("-p"), xlsx, QStringLiteral("xl/sharedStrings.xml")}));
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("t"))
            strings.append(xml.readElementText());
    }
    return strings;
}

// Cells of worksheet `n` (1-based: "xl/worksheets/sheetN.xml"), by reference ("J2"); shared
// string cells are resolved to their text. Empty when the member is missing or does not parse.
inline QHash<QString, XlsxCell> readXlsxSheet(const QString &xlsx, int n)
{
    const QStringList strings = xlsxSharedStrings(xlsx);
    const QByteArray data =
        runTool(QStringLiteral("unzip"),
                {QStringLiteral("-p"), xlsx, QStringLiteral("xl/worksheets/sheet%1.xml").arg(n)});
    QHash<QString, XlsxCell> cells;
    QXmlStreamReader xml(data);
    XlsxCell current;
    bool shared = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("c")) {
            current = XlsxCell{xml.attributes().value(QLatin1String("r")).toString(), {}, {}};
            shared = xml.attributes().value(QLatin1String("t")) == QLatin1String("s");
        } else if (xml.isStartElement() && xml.name() == QLatin1String("f")) {
            current.formula = xml.readElementText();
        } else if (xml.isStartElement() && xml.name() == QLatin1String("v")) {
            current.value = xml.readElementText();
            if (shared)
                current.value = strings.value(current.value.toInt());
        } else if (xml.isEndElement() && xml.name() == QLatin1String("c")) {
            cells.insert(current.ref, current);
        }
    }
    if (xml.hasError())
        return {};
    return cells;
}

// Sheet names in workbook order.
inline QStringList xlsxSheetNames(const QString &xlsx)
{
    QStringList names;
    QXmlStreamReader xml(runTool(QStringLiteral("unzip"),
                                 {QStringLiteral("-p"), xlsx, QStringLiteral("xl/workbook.xml")}));
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("sheet"))
            names.append(xml.attributes().value(QLatin1String("name")).toString());
    }
    return names;
}

// pdfinfo's "Pages:" figure, or -1.
inline int pdfPageCount(const QString &pdf)
{
    const QString info = QString::fromUtf8(runTool(QStringLiteral("pdfinfo"), {pdf}));
    for (const QString &line : info.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("Pages:")))
            return line.mid(6).trimmed().toInt();
    }
    return -1;
}

// pdftotext's text of the whole document (layout kept, so table rows stay on one line).
inline QString pdfText(const QString &pdf)
{
    return QString::fromUtf8(runTool(QStringLiteral("pdftotext"),
                                     {QStringLiteral("-layout"), pdf, QStringLiteral("-")}));
}

} // namespace swb::test
