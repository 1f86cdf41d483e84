#pragma once
// A Task state's Retry array (Amazon States Language), as the "retriers" text parameter of a
// Step Functions -> Lambda wire holds it: the JSON array AWS uses, e.g.
//   [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 2,
//     "MaxAttempts": 6, "BackoffRate": 2}, {"ErrorEquals": ["States.ALL"]}]
// Empty text keeps older designs working: the wire's single retry* parameters then form one
// States.ALL retrier. Rules checked (Step Functions developer guide "Error handling",
// aws-behaviour.md §6): ErrorEquals is a non-empty list of names; States.ALL appears alone and only
// in the last retrier; IntervalSeconds >= 1, MaxAttempts >= 0, BackoffRate >= 1, MaxDelaySeconds >=
// 1, JitterStrategy FULL or NONE; no other keys.

#include <QList>
#include <QString>
#include <QStringList>

namespace swb {

struct RetrierSpec {
    QStringList errorEquals;
    double intervalSeconds = 1;
    qlonglong maxAttempts = 3;
    double backoffRate = 2.0;
    double maxDelaySeconds = -1; // -1 = no cap
    bool fullJitter = false;
};

// Parses `text`; on failure returns false and sets *error to what is wrong and where
// ("retrier 2: ..."). Empty text gives an empty list.
bool parseRetriers(const QString &text, QList<RetrierSpec> *out, QString *error);

// The compact JSON text of a Retry array (fields at their ASL defaults left out), as the
// "retriers" parameter stores it; parseRetriers() reads it back unchanged.
QString retriersToJson(const QList<RetrierSpec> &retriers);

} // namespace swb
