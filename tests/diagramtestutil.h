#pragma once
// Independent readers for diagram exports, shared by tests/cli/exportdiagram.cpp and
// tests/ui/diagramexport.cpp: SVG through QXmlStreamReader, PDF through poppler-utils
// (exporttestutil.h); nothing here uses the project's writers.

#include "exporttestutil.h"

#include <QFile>
#include <QRegularExpression>
#include <QSizeF>

namespace swb::test {

// The texts of the SVG's <text> elements in document order; {"<bad xml>"} when it does not parse.
inline QStringList svgTexts(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {QStringLiteral("<unreadable>")};
    QStringList texts;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"text")
            texts.append(xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed());
    }
    return xml.hasError() ? QStringList{QStringLiteral("<bad xml>")} : texts;
}

// A block's name is one <text>, or two consecutive ones when the block wraps a long name.
inline bool namedInSvg(const QStringList &texts, const QString &name)
{
    for (qsizetype i = 0; i < texts.size(); ++i) {
        if (texts.at(i) == name)
            return true;
        if (i + 1 < texts.size() && texts.at(i) + texts.at(i + 1) == name)
            return true;
    }
    return false;
}

// pdfinfo's "Page size" in points; empty when it cannot be read.
inline QSizeF pdfPageSize(const QString &pdf)
{
    const QString info = QString::fromUtf8(runTool(QStringLiteral("pdfinfo"), {pdf}));
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("Page size:\\s+([\\d.]+) x ([\\d.]+) pts")).match(info);
    return m.hasMatch() ? QSizeF(m.captured(1).toDouble(), m.captured(2).toDouble()) : QSizeF();
}

// pdftotext's text with the fonts' ligatures (U+FB03 for "ffi") folded back to letters.
inline QString pdfPlainText(const QString &pdf)
{
    return pdfText(pdf).normalized(QString::NormalizationForm_KC);
}

inline QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline bool writeBytes(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace swb::test
