#pragma once

// Helpers shared by the main window's GUI tests (tests/ui/mainwindow.cpp, inspector.cpp,
// files.cpp). Each test executable gets its own application name, so QSettings and the recovery
// folder (QStandardPaths test mode: ~/.qttest/...) never mix between executables run in parallel.

#include "model/pricing.h"
#include "ui/cost/pricingsource.h"
#include "ui/prompter.h"
#include "ui/recovery.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QStringList>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

namespace swb::test {

// The catalogue the app would hand its windows (app/gui/main.cpp): the shipped prices.
inline PricingSource *pricing()
{
    static PricingSource source(PricingCatalogue::builtIn());
    return &source;
}

inline void setUpGuiTestEnvironment(const QString &applicationName)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ServerlessWorkbenchTests"));
    QCoreApplication::setApplicationName(applicationName);
}

// A clean slate before every test function: no settings, no recovery copies.
inline void resetGuiTestState()
{
    QSettings().clear();
    QDir(recovery::directory()).removeRecursively();
}

// Shows a window at a desktop size and waits until it is exposed and active, so key events
// reach its focus widget. QVERIFY inside: the caller checks QTest::currentTestFailed().
inline void showActive(QWidget &window, QSize size = QSize(1400, 900))
{
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
}

// Answers file dialogs from a script and records every question, so a test can assert which
// prompt appeared. askSaveChanges answers saveChoice.
class ScriptedPrompter : public Prompter
{
public:
    SaveChoice saveChoice = SaveChoice::Cancel;
    QString openPath;
    QString savePath;
    int saveQuestions = 0;
    QStringList errors;
    QStringList informations;

    SaveChoice askSaveChanges(QWidget *, const QString &) override
    {
        ++saveQuestions;
        return saveChoice;
    }
    QStringList captions; // the title of every file dialog asked for, in order
    QString openFileName(QWidget *, const QString &caption, const QString &,
                         const QString &) override
    {
        captions.append(caption);
        return openPath;
    }
    QString saveFileName(QWidget *, const QString &caption, const QString &,
                         const QString &) override
    {
        captions.append(caption);
        return savePath;
    }
    void showError(QWidget *, const QString &, const QString &text) override
    {
        errors.append(text);
    }
    void showInformation(QWidget *, const QString &, const QString &text) override
    {
        informations.append(text);
    }
    // confirm() answers confirmAnswer and records the question.
    bool confirmAnswer = false;
    QStringList confirmations;
    bool confirm(QWidget *, const QString &, const QString &text, const QString &) override
    {
        confirmations.append(text);
        return confirmAnswer;
    }
};

// Waits (from inside the modal loop the code under test is about to start) for a modal widget
// accepted by `match`, then runs `act` on it. *seen records whether it ever appeared.
inline void whenModalAppears(std::function<bool(QWidget *)> match,
                             std::function<void(QWidget *)> act, bool *seen)
{
    auto *timer = new QTimer;
    auto elapsed = std::make_shared<int>(0);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, [=] {
        *elapsed += 20;
        QWidget *modal = QApplication::activeModalWidget();
        if (modal && match(modal)) {
            *seen = true;
            timer->stop();
            timer->deleteLater();
            act(modal);
        } else if (*elapsed > 10000) { // never hang the test: give up after 10 s
            timer->stop();
            timer->deleteLater();
            if (modal)
                modal->close();
        }
    });
    timer->start();
}

// The button of a dialog whose text (without the '&' mnemonic) is `text`.
inline QAbstractButton *buttonWithText(QWidget *dialog, const QString &text)
{
    for (QAbstractButton *button : dialog->findChildren<QAbstractButton *>()) {
        if (button->text().remove(QLatin1Char('&')) == text)
            return button;
    }
    return nullptr;
}

// Gives the window a fresh ScriptedPrompter and returns it (the window owns it).
template<class Window>
ScriptedPrompter *installScriptedPrompter(Window &window)
{
    auto prompter = std::make_unique<ScriptedPrompter>();
    ScriptedPrompter *raw = prompter.get();
    window.setPrompter(std::move(prompter));
    return raw;
}

} // namespace swb::test
