#include "adviceoutput.h"

#include "output.h"

#include <QJsonObject>

namespace swb::cli {

namespace {

QString window(const Diagnosis &d)
{
    if (d.toSeconds <= d.fromSeconds)
        return QStringLiteral("whole run");
    return QStringLiteral("%1-%2 s").arg(d.fromSeconds).arg(d.toSeconds);
}

} // namespace

TextTable diagnosisTable(const QList<Diagnosis> &diagnoses)
{
    TextTable t;
    t.header = {QStringLiteral("rule"), QStringLiteral("blocks"), QStringLiteral("when"),
                QStringLiteral("figure")};
    for (const Diagnosis &d : diagnoses)
        t.rows.append({d.rule, d.blocks.join(QStringLiteral(", ")), window(d), d.figure});
    return t;
}

QJsonArray diagnosesJson(const QList<Diagnosis> &diagnoses)
{
    QJsonArray list;
    for (const Diagnosis &d : diagnoses)
        list.append(QJsonObject{{QStringLiteral("rule"), d.rule},
                                {QStringLiteral("title"), d.title},
                                {QStringLiteral("blocks"), QJsonArray::fromStringList(d.blocks)},
                                {QStringLiteral("fromSeconds"), d.fromSeconds},
                                {QStringLiteral("toSeconds"), d.toSeconds},
                                {QStringLiteral("figure"), d.figure},
                                {QStringLiteral("awsRule"), d.awsRule}});
    return list;
}

void printDiagnoses(QTextStream &out, const QList<Diagnosis> &diagnoses, bool markdown,
                    const QString &hint)
{
    if (diagnoses.isEmpty())
        return;
    const auto text = [markdown](const QString &t) { return markdown ? markdownText(t) : t; };
    out << "\n" << (markdown ? "#### " : "") << "Diagnoses\n\n";
    out << (markdown ? diagnosisTable(diagnoses).toMarkdown() : diagnosisTable(diagnoses).toText())
        << "\n";
    for (const Diagnosis &d : diagnoses)
        out << (markdown ? "- " : "  ") << text(d.title + QStringLiteral(": ") + d.awsRule) << "\n";
    if (!hint.isEmpty())
        out << "\n" << text(hint) << "\n";
}

} // namespace swb::cli
