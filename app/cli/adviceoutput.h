#pragma once
// The advisor's diagnoses as the commands print them (swb advise, and after the summary of swb
// simulate and swb check): a table, one line per diagnosis with its AWS rule, or a JSON array.

#include "sim/advisor.h"

#include "model/texttable.h"

#include <QJsonArray>
#include <QTextStream>

namespace swb::cli {

TextTable diagnosisTable(const QList<Diagnosis> &diagnoses);
QJsonArray diagnosesJson(const QList<Diagnosis> &diagnoses);
// "Diagnoses" heading, the table and each diagnosis' rule; nothing when there is none. `hint`
// follows the list (e.g. "swb advise proposes verified fixes").
void printDiagnoses(QTextStream &out, const QList<Diagnosis> &diagnoses, bool markdown,
                    const QString &hint = {});

} // namespace swb::cli
