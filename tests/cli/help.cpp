// The one command-line parser: every command's -h/--help describes every option, `swb help CMD`
// says the same, short options and "--name=value" work, and each kind of mistake is refused with
// a message naming the option.

#include "clitestutil.h"

#include "cli/cli.h"

#include <QTest>

using namespace swb;
using test::runSwb;
using test::SwbResult;

namespace {

QStringList words(const cli::CommandSpec &c)
{
    return c.name.split(u' ');
}

} // namespace

class TestCliHelp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCommandHasHelp()
    {
        QVERIFY(cli::commands().size() >= 13);
        for (const cli::CommandSpec &c : cli::commands()) {
            for (const QString &flag : {QStringLiteral("-h"), QStringLiteral("--help")}) {
                const SwbResult r = runSwb(words(c) + QStringList{flag});
                QVERIFY2(r.code == 0, qPrintable(c.name + QStringLiteral(": ") + r.err));
                QVERIFY2(r.out.startsWith(QStringLiteral("Usage: swb %1 ").arg(c.name)),
                         qPrintable(r.out));
                // -h wins over anything else on the line, even a missing argument.
                QVERIFY(r.err.isEmpty());
                for (const cli::OptionSpec &o : c.options) {
                    QVERIFY2(r.out.contains(o.longName()),
                             qPrintable(c.name + QStringLiteral(" lacks ") + o.longName()));
                    QVERIFY2(!o.description.isEmpty(), qPrintable(o.longName()));
                    // The description's first words are there (wrapping may split the rest).
                    const QString start = o.description.section(u' ', 0, 2);
                    QVERIFY2(r.out.simplified().contains(start),
                             qPrintable(c.name + QStringLiteral(": ") + start));
                }
                QVERIFY(r.out.contains(QLatin1String("Exit status:")));
            }
            const SwbResult viaHelp = runSwb(QStringList{QStringLiteral("help")} + words(c));
            QCOMPARE(viaHelp.code, 0);
            QCOMPARE(viaHelp.out, runSwb(words(c) + QStringList{QStringLiteral("-h")}).out);
        }
        const SwbResult exportHelp = runSwb({QStringLiteral("export"), QStringLiteral("-h")});
        QCOMPARE(exportHelp.code, 0);
        for (const char *kind : {"export sam", "export cost", "export diagram"})
            QVERIFY(exportHelp.out.contains(QLatin1String(kind)));
        QCOMPARE(runSwb({QStringLiteral("help"), QStringLiteral("export")}).out, exportHelp.out);
        const SwbResult unknown = runSwb({QStringLiteral("help"), QStringLiteral("frobnicate")});
        QCOMPARE(unknown.code, 2);
        QVERIFY(unknown.err.contains(QLatin1String("no command 'frobnicate'")));
    }

    void helpLinesFitATerminal()
    {
        for (const cli::CommandSpec &c : cli::commands()) {
            for (const QString &line : cli::helpText(c).split(u'\n'))
                QVERIFY2(line.size() <= 79 || !line.contains(u' '),
                         qPrintable(c.name + QStringLiteral(": ") + line));
        }
        for (const QString &line : cli::mainHelpText().split(u'\n'))
            QVERIFY2(line.size() <= 79, qPrintable(line));
    }

    void errorsNameTheOption()
    {
        const QString file = QStringLiteral("nonexistent.swb");
        struct Case {
            QStringList args;
            QString message;
        };
        const QList<Case> cases = {
            {{QStringLiteral("cost"), file, QStringLiteral("--bogus")},
             QStringLiteral("unknown option '--bogus'")},
            {{QStringLiteral("cost"), file, QStringLiteral("-z")},
             QStringLiteral("unknown option '-z'")},
            {{QStringLiteral("cost"), file, QStringLiteral("--format")},
             QStringLiteral("option '--format' needs a value")},
            {{QStringLiteral("cost"), file, QStringLiteral("--no-free-tier=yes")},
             QStringLiteral("option '--no-free-tier' takes no value")},
            {{QStringLiteral("cost"), file, QStringLiteral("-f"), QStringLiteral("json"),
              QStringLiteral("--format=csv")},
             QStringLiteral("option '--format' is given 2 times ('json', 'csv'); give it once")},
            {{QStringLiteral("validate"), file, QStringLiteral("--format"), QStringLiteral("xml")},
             QStringLiteral("option '--format': 'xml' is not allowed (allowed: table, json, csv, "
                            "markdown, sarif, junit)")},
            {{QStringLiteral("simulate"), file, QStringLiteral("-d"), QStringLiteral("soon")},
             QStringLiteral("option '--duration': 'soon' is not a duration")},
        };
        for (const Case &c : cases) {
            const SwbResult r = runSwb(c.args);
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains(c.message), qPrintable(r.err));
            QVERIFY2(r.err.contains(QLatin1String("--help")), qPrintable(r.err));
            QVERIFY(r.out.isEmpty());
        }
    }

    // The parser in-process: short options, clustered values, "--", repeated options kept.
    void parserForms()
    {
        const cli::CommandSpec *sim = cli::findCommand(QStringLiteral("simulate"));
        QVERIFY(sim);
        cli::Args a;
        QCOMPARE(cli::parseCommandLine(*sim,
                                       {QStringLiteral("-fjson"), QStringLiteral("-d"),
                                        QStringLiteral("10m"), QStringLiteral("--set=a.b=1"),
                                        QStringLiteral("d.swb"), QStringLiteral("--set"),
                                        QStringLiteral("c.d=2"), QStringLiteral("--"),
                                        QStringLiteral("-odd-name.swb")},
                                       &a),
                 QString());
        QCOMPARE(a.value(QStringLiteral("format")), QStringLiteral("json"));
        QCOMPARE(a.value(QStringLiteral("f")), QStringLiteral("json"));
        QCOMPARE(a.value(QStringLiteral("duration")), QStringLiteral("10m"));
        QCOMPARE(a.values(QStringLiteral("set")),
                 (QStringList{QStringLiteral("a.b=1"), QStringLiteral("c.d=2")}));
        QCOMPARE(a.positional,
                 (QStringList{QStringLiteral("d.swb"), QStringLiteral("-odd-name.swb")}));
        QVERIFY(!a.isSet(QStringLiteral("seed")));
        // "-" is a positional argument (standard output), not an option.
        const cli::CommandSpec *convert = cli::findCommand(QStringLiteral("convert"));
        QCOMPARE(
            cli::parseCommandLine(*convert, {QStringLiteral("in.swb"), QStringLiteral("-")}, &a),
            QString());
        QCOMPARE(a.positional, (QStringList{QStringLiteral("in.swb"), QStringLiteral("-")}));
    }
};

QTEST_GUILESS_MAIN(TestCliHelp)
#include "help.moc"
