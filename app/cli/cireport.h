#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// Reports CI systems read to show findings inline: JUnit XML (a test case per rule or gate, the
// format Jenkins, GitLab and most CI runners show) and SARIF 2.1.0 (static-analysis results,
// shown by code-scanning UIs). `swb validate` and `swb check` write both.
namespace swb::cli {

struct CiItem {
    QString ruleId;      // stable id ("queue-no-dlq", "monthly-cost")
    QString name;        // test case name / short rule description
    QString level;       // "error", "warning", "note" (SARIF levels)
    bool passed = false; // a gate that holds: a passing JUnit case, a SARIF "pass" result
    QString message;
    QStringList blocks; // the blocks it concerns, by name
};

// suite: "swb validate" / "swb check"; file: the design as given on the command line.
// JUnit: one <testsuite> with one <testcase> per item; errors and broken gates are <failure>,
// warnings and notes pass with their message in <system-out>.
QByteArray junitReport(const QString &suite, const QString &file, const QList<CiItem> &items);
// SARIF: one run of the tool "swb" (version = the build's), one result per item, located in the
// design file, with the blocks as logical locations; passing gates are results of kind "pass".
QByteArray sarifReport(const QString &command, const QString &file, const QList<CiItem> &items);

} // namespace swb::cli
