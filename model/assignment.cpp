#include "model/assignment.h"

namespace swb {

QString parseAssignment(const QString &text, Assignment *out)
{
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    const qsizetype dot = eq < 0 ? -1 : text.left(eq).lastIndexOf(QLatin1Char('.'));
    if (eq < 0 || dot <= 0 || dot == eq - 1)
        return QStringLiteral("'%1': expected COMPONENT.PARAM=VALUE (e.g. order-worker.memory=512 "
                              "or project.accountConcurrency=2000)")
            .arg(text);
    out->target = text.left(dot).trimmed();
    out->key = text.mid(dot + 1, eq - dot - 1).trimmed();
    out->value = text.mid(eq + 1).trimmed();
    return {};
}

QString applyAssignment(Document *document, const Assignment &assignment)
{
    QString error;
    if (const Component *c = document->design().componentByName(assignment.target)) {
        if (!document->setComponentParam(c->id, assignment.key, assignment.value, &error))
            return error;
        return {};
    }
    if (assignment.target == QLatin1String("project")) {
        if (!document->setProjectParam(assignment.key, assignment.value, &error))
            return error;
        return {};
    }
    QStringList names;
    for (const Component &c : document->design().components)
        names.append(c.name);
    return QStringLiteral("no block named '%1' (blocks: %2; or 'project')")
        .arg(assignment.target, names.join(QStringLiteral(", ")));
}

QString applyAssignments(Design *design, const QList<Assignment> &assignments)
{
    Document document;
    document.replaceDesign(*design);
    for (const Assignment &assignment : assignments) {
        const QString error = applyAssignment(&document, assignment);
        if (!error.isEmpty())
            return QStringLiteral("%1: %2").arg(assignment.text(), error);
    }
    *design = document.design();
    return {};
}

} // namespace swb
