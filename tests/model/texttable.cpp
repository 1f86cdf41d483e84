// The one CSV and Markdown table writer (model/texttable.h) against hostile cell text: commas,
// quotes, pipes, line breaks, Markdown markup, blanks at the ends.

#include "../exporttestutil.h"

#include "model/texttable.h"

#include <QTest>

using namespace swb;

namespace {

const QStringList kHostile = {
    QStringLiteral("job,\"worker\""),
    QStringLiteral("a|b"),
    QStringLiteral("two\nlines"),
    QStringLiteral("cr\r\nlf"),
    QStringLiteral(" padded "),
    QStringLiteral("*bold* _x_ `c`"),
    QStringLiteral("back\\slash|"),
    QStringLiteral("<b>html</b>"),
    QStringLiteral(""),
    QStringLiteral("plain"),
};

// The cells of one Markdown table line: split at pipes that are not backslash-escaped.
QStringList markdownCells(const QString &line)
{
    QStringList cells;
    QString cell;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == u'\\' && i + 1 < line.size()) {
            cell += line.at(++i); // the escaped character, unescaped
        } else if (c == u'|') {
            cells.append(cell.trimmed());
            cell.clear();
        } else {
            cell += c;
        }
    }
    cells.append(cell.trimmed());
    return cells.mid(1, cells.size() - 2); // the outer pipes open and close the row
}

} // namespace

class TestTextTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvRoundTripsHostileText()
    {
        TextTable t;
        t.header = {QStringLiteral("name"), QStringLiteral("value, with comma")};
        for (const QString &h : kHostile)
            t.rows.append({h, QStringLiteral("1")});
        QString problem;
        const QList<QStringList> rows = test::parseCsv(t.toCsv(), &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(rows.size(), kHostile.size() + 1);
        QCOMPARE(rows.first(), t.header);
        for (qsizetype i = 0; i < kHostile.size(); ++i)
            QCOMPARE(rows.at(i + 1), (QStringList{kHostile.at(i), QStringLiteral("1")}));
        // Only what needs it is quoted.
        QCOMPARE(csvField(QStringLiteral("plain")), QStringLiteral("plain"));
        QCOMPARE(csvField(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
        QCOMPARE(csvField(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
    }

    void markdownKeepsColumnsAndText()
    {
        TextTable t;
        t.header = {QStringLiteral("block"), QStringLiteral("usd")};
        t.align = {TextTable::Align::Left, TextTable::Align::Right};
        for (const QString &h : kHostile)
            t.rows.append({h, QStringLiteral("1.00")});
        const QStringList lines = t.toMarkdown().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), kHostile.size() + 2); // header, alignment, one line per row
        QCOMPARE(lines.at(1), QStringLiteral("|---|---:|"));
        for (qsizetype i = 0; i < kHostile.size(); ++i) {
            const QStringList cells = markdownCells(lines.at(i + 2));
            QCOMPARE(cells.size(), 2);
            // Unescaped, the cell reads as the name with its line breaks as <br>.
            QString expected = kHostile.at(i).trimmed();
            expected.replace(QLatin1String("\r\n"), QLatin1String("<br>"));
            expected.replace(u'\n', QLatin1String("<br>"));
            QCOMPARE(cells.at(0), expected);
        }
    }

    void textTableKeepsOneLinePerRow()
    {
        TextTable t;
        t.header = {QStringLiteral("a"), QStringLiteral("b")};
        t.align = {TextTable::Align::Left, TextTable::Align::Right};
        t.rows = {{QStringLiteral("two\nlines"), QStringLiteral("5")},
                  {QStringLiteral("x"), QStringLiteral("12345")}};
        const QStringList lines = t.toText().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(1), QStringLiteral("two\\nlines      5"));
        QCOMPARE(lines.at(2), QStringLiteral("x           12345"));
    }
};

QTEST_GUILESS_MAIN(TestTextTable)
#include "texttable.moc"
