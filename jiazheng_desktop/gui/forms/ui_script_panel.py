# Generated from ui/script_panel.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'script_panel.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QHBoxLayout, QLabel,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_ScriptPanel(object):
    def setupUi(self, ScriptPanel):
        if not ScriptPanel.objectName():
            ScriptPanel.setObjectName(u"ScriptPanel")
        ScriptPanel.resize(560, 260)
        self.script_layout = QVBoxLayout(ScriptPanel)
        self.script_layout.setObjectName(u"script_layout")
        self.script_layout.setContentsMargins(0, 0, 0, 0)
        self.choice_layout = QHBoxLayout()
        self.choice_layout.setObjectName(u"choice_layout")
        self.scenario_label = QLabel(ScriptPanel)
        self.scenario_label.setObjectName(u"scenario_label")

        self.choice_layout.addWidget(self.scenario_label)

        self.scenario_combo = QComboBox(ScriptPanel)
        self.scenario_combo.setObjectName(u"scenario_combo")

        self.choice_layout.addWidget(self.scenario_combo)

        self.channel_label = QLabel(ScriptPanel)
        self.channel_label.setObjectName(u"channel_label")

        self.choice_layout.addWidget(self.channel_label)

        self.channel_combo = QComboBox(ScriptPanel)
        self.channel_combo.setObjectName(u"channel_combo")

        self.choice_layout.addWidget(self.channel_combo)

        self.choice_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.choice_layout.addItem(self.choice_spacer)

        self.copy_button = QPushButton(ScriptPanel)
        self.copy_button.setObjectName(u"copy_button")

        self.choice_layout.addWidget(self.copy_button)


        self.script_layout.addLayout(self.choice_layout)

        self.template_layout = QHBoxLayout()
        self.template_layout.setObjectName(u"template_layout")
        self.template_label = QLabel(ScriptPanel)
        self.template_label.setObjectName(u"template_label")

        self.template_layout.addWidget(self.template_label)

        self.template_combo = QComboBox(ScriptPanel)
        self.template_combo.setObjectName(u"template_combo")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.template_combo.sizePolicy().hasHeightForWidth())
        self.template_combo.setSizePolicy(sizePolicy)

        self.template_layout.addWidget(self.template_combo)


        self.script_layout.addLayout(self.template_layout)

        self.title_label = QLabel(ScriptPanel)
        self.title_label.setObjectName(u"title_label")
        self.title_label.setWordWrap(True)
        self.title_label.setStyleSheet(u"font-weight: bold;")

        self.script_layout.addWidget(self.title_label)

        self.script_text = QPlainTextEdit(ScriptPanel)
        self.script_text.setObjectName(u"script_text")
        self.script_text.setReadOnly(True)
        self.script_text.setTabChangesFocus(True)
        self.script_text.setStyleSheet(u"font-size: 14px;")

        self.script_layout.addWidget(self.script_text)

        self.hint_label = QLabel(ScriptPanel)
        self.hint_label.setObjectName(u"hint_label")
        self.hint_label.setWordWrap(True)

        self.script_layout.addWidget(self.hint_label)

#if QT_CONFIG(shortcut)
        self.scenario_label.setBuddy(self.scenario_combo)
        self.channel_label.setBuddy(self.channel_combo)
        self.template_label.setBuddy(self.template_combo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.scenario_combo, self.channel_combo)
        QWidget.setTabOrder(self.channel_combo, self.template_combo)
        QWidget.setTabOrder(self.template_combo, self.copy_button)
        QWidget.setTabOrder(self.copy_button, self.script_text)

        self.retranslateUi(ScriptPanel)

        QMetaObject.connectSlotsByName(ScriptPanel)
    # setupUi

    def retranslateUi(self, ScriptPanel):
        self.scenario_label.setText(QCoreApplication.translate("ScriptPanel", u"\u573a\u666f(&S)", None))
        self.channel_label.setText(QCoreApplication.translate("ScriptPanel", u"\u6e20\u9053(&H)", None))
        self.copy_button.setText(QCoreApplication.translate("ScriptPanel", u"\u590d\u5236(&C)", None))
#if QT_CONFIG(tooltip)
        self.copy_button.setToolTip(QCoreApplication.translate("ScriptPanel", u"\u628a\u8bdd\u672f\u590d\u5236\u5230\u526a\u8d34\u677f\uff0c\u7c98\u8d34\u5230\u77ed\u4fe1\u6216\u5fae\u4fe1\u91cc", None))
#endif // QT_CONFIG(tooltip)
        self.template_label.setText(QCoreApplication.translate("ScriptPanel", u"\u8bdd\u672f(&T)", None))
#if QT_CONFIG(tooltip)
        self.template_combo.setToolTip(QCoreApplication.translate("ScriptPanel", u"\u4e3a\u8fd9\u7c7b\u60c5\u51b5\u5199\u7684\u8bdd\u672f\u6392\u5728\u524d\u9762\uff1b\u4e5f\u53ef\u4ee5\u6362\u7528\u522b\u7684\u8bdd\u672f", None))
#endif // QT_CONFIG(tooltip)
        self.title_label.setText("")
        self.hint_label.setText("")
        pass
    # retranslateUi

