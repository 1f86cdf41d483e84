#include "ui/cost/pricingmenu.h"

#include "ui/cost/pricingsource.h"
#include "ui/fileactions.h"
#include "ui/mainwindow.h"
#include "ui/prompter.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>

namespace swb {

QMenu *addPricingMenu(MainWindow *window)
{
    PricingSource *pricing = window->pricing();
    auto *menu = new QMenu(MainWindow::tr("&Settings"), window->menuBar());
    menu->setObjectName(QStringLiteral("menuSettings"));
    QAction *help = nullptr;
    for (QAction *a : window->menuBar()->actions()) {
        if (a->menu() && a->menu()->objectName() == QLatin1String("helpMenu"))
            help = a;
    }
    window->menuBar()->insertMenu(help, menu);

    QAction *choose = menu->addAction(MainWindow::tr("Pricing &Catalogue..."));
    choose->setObjectName(QStringLiteral("actionPricingCatalogue"));
    QAction *builtIn = menu->addAction(MainWindow::tr("Use &Built-in Prices"));
    builtIn->setObjectName(QStringLiteral("actionBuiltInPricing"));
    auto describe = [pricing, choose, builtIn] {
        const QString now = MainWindow::tr("Now: %1").arg(pricing->description());
        choose->setStatusTip(
            MainWindow::tr("Price the estimate, runs, exports and comparisons with a catalogue "
                           "file of your own. %1")
                .arg(now));
        builtIn->setEnabled(!pricing->userFile().isEmpty());
        builtIn->setStatusTip(now);
    };
    describe();
    QObject::connect(pricing, &PricingSource::catalogueChanged, menu, describe);

    QObject::connect(choose, &QAction::triggered, window, [window, pricing] {
        Prompter *prompter = window->files()->prompter();
        const QString title = MainWindow::tr("Pricing Catalogue");
        const QString start =
            pricing->userFile().isEmpty() ? QString() : QFileInfo(pricing->userFile()).path();
        const QString path = prompter->openFileName(
            window, title, start, MainWindow::tr("Pricing catalogue (*.json);;All files (*)"));
        if (path.isEmpty())
            return;
        QString error;
        if (!pricing->loadFile(path, &error)) {
            prompter->showError(
                window, title,
                MainWindow::tr("The prices in use are unchanged; %1 cannot be used:\n%2")
                    .arg(QFileInfo(path).fileName(), error));
            return;
        }
        window->statusBar()->showMessage(MainWindow::tr("Prices: %1").arg(pricing->description()),
                                         8000);
    });
    QObject::connect(builtIn, &QAction::triggered, window, [window, pricing] {
        pricing->useShipped();
        window->statusBar()->showMessage(MainWindow::tr("Prices: %1").arg(pricing->description()),
                                         8000);
    });
    return menu;
}

} // namespace swb
