#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// The one writer of tables as text: CSV (RFC 4180), GitHub-flavoured Markdown and aligned columns
// for a terminal. Every command and export that prints or writes a table goes through it, so a
// block named `job,"worker"|x` or with a line break cannot break a column anywhere.
namespace swb {

// One CSV field: quoted when it holds a comma, a quote, a line break or leading/trailing blanks
// (which readers trim), with quotes doubled (RFC 4180 section 2).
QString csvField(const QString &text);
// Fields joined by commas, each through csvField; no line end.
QString csvLine(const QStringList &fields);

// Text for one Markdown table cell or inline text: characters Markdown would read as markup or
// as a cell border (| \ ` * _ [ ] < > ~) are backslash-escaped, line breaks become <br>.
QString markdownText(const QString &text);

struct TextTable {
    enum class Align { Left, Right };

    QStringList header;
    QList<QStringList> rows; // each as long as header (shorter rows are padded with "")
    QList<Align> align;      // per column; Left where missing
    QList<int> rawMarkdown;  // columns whose cells are already Markdown (not escaped)

    // Header line, then one line per row, each ending in "\n".
    QString toCsv() const;
    // Header, the alignment row (---: for right-aligned columns), then the rows.
    QString toMarkdown() const;
    // Columns padded to their widest cell, two spaces apart, trailing blanks trimmed; a line
    // break or tab inside a cell is shown as "\n" / "\t" so each row stays one line.
    QString toText() const;
};

} // namespace swb
