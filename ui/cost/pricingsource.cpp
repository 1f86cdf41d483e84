#include "ui/cost/pricingsource.h"

#include <QDir>
#include <QSettings>

namespace swb {

namespace {

const QString kSettingsKey = QStringLiteral("pricing/catalogueFile");

} // namespace

PricingSource::PricingSource(const PricingCatalogue &shipped, QObject *parent)
    : QObject(parent)
    , m_shipped(std::make_shared<const PricingCatalogue>(shipped))
    , m_current(m_shipped)
{}

QString PricingSource::description() const
{
    const PricingCatalogue &c = *m_current;
    const QString source = m_userFile.isEmpty()
                               ? tr("built in")
                               : tr("from %1").arg(QDir::toNativeSeparators(m_userFile));
    return tr("%1 prices of %2 (%3)").arg(c.region, c.date, source);
}

bool PricingSource::loadFile(const QString &path, QString *error)
{
    std::optional<PricingCatalogue> loaded = PricingCatalogue::load(path, error);
    if (!loaded)
        return false;
    m_current = std::make_shared<const PricingCatalogue>(std::move(*loaded));
    m_userFile = path;
    QSettings().setValue(kSettingsKey, path);
    Q_EMIT catalogueChanged();
    return true;
}

void PricingSource::useShipped()
{
    QSettings().remove(kSettingsKey);
    if (m_userFile.isEmpty())
        return;
    m_userFile.clear();
    m_current = m_shipped;
    Q_EMIT catalogueChanged();
}

bool PricingSource::restore(QString *error)
{
    const QString path = QSettings().value(kSettingsKey).toString();
    if (path.isEmpty())
        return true;
    QString why;
    if (loadFile(path, &why))
        return true;
    QSettings().remove(kSettingsKey);
    if (error)
        *error = tr("The pricing catalogue chosen in Settings could not be read, so the built-in "
                    "prices are used: %1")
                     .arg(why);
    return false;
}

} // namespace swb
