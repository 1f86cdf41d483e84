#include "cireport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamWriter>

namespace swb::cli {

QByteArray junitReport(const QString &suite, const QString &file, const QList<CiItem> &items)
{
    int failures = 0;
    for (const CiItem &i : items)
        failures += !i.passed && i.level == QLatin1String("error");
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("testsuites"));
    xml.writeAttribute(QStringLiteral("tests"), QString::number(items.size()));
    xml.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    xml.writeStartElement(QStringLiteral("testsuite"));
    xml.writeAttribute(QStringLiteral("name"), suite + QLatin1Char(' ') + file);
    xml.writeAttribute(QStringLiteral("tests"), QString::number(items.size()));
    xml.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    xml.writeAttribute(QStringLiteral("errors"), QStringLiteral("0"));
    for (const CiItem &i : items) {
        xml.writeStartElement(QStringLiteral("testcase"));
        xml.writeAttribute(QStringLiteral("classname"), suite);
        xml.writeAttribute(QStringLiteral("name"),
                           i.blocks.isEmpty()
                               ? i.name
                               : QStringLiteral("%1 (%2)").arg(i.name, i.blocks.join(u", ")));
        xml.writeAttribute(QStringLiteral("file"), file);
        if (!i.passed && i.level == QLatin1String("error")) {
            xml.writeStartElement(QStringLiteral("failure"));
            xml.writeAttribute(QStringLiteral("type"), i.ruleId);
            xml.writeAttribute(QStringLiteral("message"), i.message);
            xml.writeCharacters(i.message);
            xml.writeEndElement();
        } else if (!i.message.isEmpty()) {
            xml.writeTextElement(QStringLiteral("system-out"),
                                 QStringLiteral("%1: %2").arg(i.level, i.message));
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

QByteArray sarifReport(const QString &command, const QString &file, const QList<CiItem> &items)
{
    QJsonArray rules;
    QStringList ruleIds;
    QJsonArray results;
    for (const CiItem &i : items) {
        if (!ruleIds.contains(i.ruleId)) {
            ruleIds.append(i.ruleId);
            rules.append(QJsonObject{
                {QStringLiteral("id"), i.ruleId},
                {QStringLiteral("shortDescription"), QJsonObject{{QStringLiteral("text"), i.name}}},
            });
        }
        QJsonObject location{
            {QStringLiteral("physicalLocation"),
             QJsonObject{
                 {QStringLiteral("artifactLocation"), QJsonObject{{QStringLiteral("uri"), file}}}}},
        };
        QJsonArray logical;
        for (const QString &block : i.blocks)
            logical.append(QJsonObject{{QStringLiteral("name"), block},
                                       {QStringLiteral("kind"), QStringLiteral("resource")}});
        if (!logical.isEmpty())
            location.insert(QStringLiteral("logicalLocations"), logical);
        QJsonObject result{
            {QStringLiteral("ruleId"), i.ruleId},
            {QStringLiteral("ruleIndex"), int(ruleIds.indexOf(i.ruleId))},
            {QStringLiteral("message"), QJsonObject{{QStringLiteral("text"), i.message}}},
            {QStringLiteral("locations"), QJsonArray{location}},
        };
        if (i.passed)
            result.insert(QStringLiteral("kind"), QStringLiteral("pass"));
        else
            result.insert(QStringLiteral("level"), i.level);
        results.append(result);
    }
    const QJsonObject driver{
        {QStringLiteral("name"), QStringLiteral("swb")},
        {QStringLiteral("fullName"), QStringLiteral("Serverless Workbench swb ") + command},
        {QStringLiteral("version"), QStringLiteral(SWB_VERSION)},
        {QStringLiteral("rules"), rules},
    };
    const QJsonObject root{
        {QStringLiteral("version"), QStringLiteral("2.1.0")},
        {QStringLiteral("runs"),
         QJsonArray{
             QJsonObject{{QStringLiteral("tool"), QJsonObject{{QStringLiteral("driver"), driver}}},
                         {QStringLiteral("results"), results}}}},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace swb::cli
