# Generated from ui/callback_dialog.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'callback_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QButtonGroup, QDialog,
    QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
    QLabel, QPlainTextEdit, QProgressBar, QPushButton,
    QRadioButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_CallbackDialog(object):
    def setupUi(self, CallbackDialog):
        if not CallbackDialog.objectName():
            CallbackDialog.setObjectName(u"CallbackDialog")
        CallbackDialog.resize(640, 760)
        self.main_layout = QVBoxLayout(CallbackDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.header_layout = QVBoxLayout()
        self.header_layout.setObjectName(u"header_layout")
        self.title_label = QLabel(CallbackDialog)
        self.title_label.setObjectName(u"title_label")
        self.title_label.setStyleSheet(u"font-size: 15px; font-weight: bold;")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.header_layout.addWidget(self.title_label)

        self.phones_label = QLabel(CallbackDialog)
        self.phones_label.setObjectName(u"phones_label")
        self.phones_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.header_layout.addWidget(self.phones_label)

        self.summary_label = QLabel(CallbackDialog)
        self.summary_label.setObjectName(u"summary_label")
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet(u"color: #555;")

        self.header_layout.addWidget(self.summary_label)


        self.main_layout.addLayout(self.header_layout)

        self.timer_layout = QHBoxLayout()
        self.timer_layout.setObjectName(u"timer_layout")
        self.timer_label = QLabel(CallbackDialog)
        self.timer_label.setObjectName(u"timer_label")
        self.timer_label.setStyleSheet(u"font-weight: bold;")

        self.timer_layout.addWidget(self.timer_label)

        self.timer_bar = QProgressBar(CallbackDialog)
        self.timer_bar.setObjectName(u"timer_bar")
        self.timer_bar.setMaximum(300)
        self.timer_bar.setValue(0)
        self.timer_bar.setTextVisible(False)
        self.timer_bar.setMaximumSize(QSize(16777215, 14))

        self.timer_layout.addWidget(self.timer_bar)


        self.main_layout.addLayout(self.timer_layout)

        self.timer_warning_label = QLabel(CallbackDialog)
        self.timer_warning_label.setObjectName(u"timer_warning_label")
        self.timer_warning_label.setVisible(False)
        self.timer_warning_label.setStyleSheet(u"color: #c0392b; font-weight: bold;")

        self.main_layout.addWidget(self.timer_warning_label)

        self.script_group = QGroupBox(CallbackDialog)
        self.script_group.setObjectName(u"script_group")
        self.script_layout = QVBoxLayout(self.script_group)
        self.script_layout.setObjectName(u"script_layout")
        self.script_edit = QPlainTextEdit(self.script_group)
        self.script_edit.setObjectName(u"script_edit")
        self.script_edit.setReadOnly(True)
        self.script_edit.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        self.script_layout.addWidget(self.script_edit)


        self.main_layout.addWidget(self.script_group)

        self.consent_group = QGroupBox(CallbackDialog)
        self.consent_group.setObjectName(u"consent_group")
        self.consent_layout = QVBoxLayout(self.consent_group)
        self.consent_layout.setObjectName(u"consent_layout")
        self.consent_state_layout = QHBoxLayout()
        self.consent_state_layout.setObjectName(u"consent_state_layout")
        self.consent_state_label = QLabel(self.consent_group)
        self.consent_state_label.setObjectName(u"consent_state_label")
        self.consent_state_label.setWordWrap(True)

        self.consent_state_layout.addWidget(self.consent_state_label)

        self.consent_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.consent_state_layout.addItem(self.consent_spacer)

        self.consent_button = QPushButton(self.consent_group)
        self.consent_button.setObjectName(u"consent_button")

        self.consent_state_layout.addWidget(self.consent_button)


        self.consent_layout.addLayout(self.consent_state_layout)

        self.consent_hint_label = QLabel(self.consent_group)
        self.consent_hint_label.setObjectName(u"consent_hint_label")
        self.consent_hint_label.setWordWrap(True)
        self.consent_hint_label.setStyleSheet(u"color: #777;")

        self.consent_layout.addWidget(self.consent_hint_label)


        self.main_layout.addWidget(self.consent_group)

        self.questions_group = QGroupBox(CallbackDialog)
        self.questions_group.setObjectName(u"questions_group")
        self.questions_layout = QFormLayout(self.questions_group)
        self.questions_layout.setObjectName(u"questions_layout")
        self.stable_label = QLabel(self.questions_group)
        self.stable_label.setObjectName(u"stable_label")

        self.questions_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.stable_label)

        self.stable_layout = QHBoxLayout()
        self.stable_layout.setObjectName(u"stable_layout")
        self.stable_yes_radio = QRadioButton(self.questions_group)
        self.stable_group = QButtonGroup(CallbackDialog)
        self.stable_group.setObjectName(u"stable_group")
        self.stable_group.addButton(self.stable_yes_radio)
        self.stable_yes_radio.setObjectName(u"stable_yes_radio")

        self.stable_layout.addWidget(self.stable_yes_radio)

        self.stable_no_radio = QRadioButton(self.questions_group)
        self.stable_group.addButton(self.stable_no_radio)
        self.stable_no_radio.setObjectName(u"stable_no_radio")

        self.stable_layout.addWidget(self.stable_no_radio)

        self.stable_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.stable_layout.addItem(self.stable_spacer)


        self.questions_layout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.stable_layout)

        self.stable_error = QLabel(self.questions_group)
        self.stable_error.setObjectName(u"stable_error")
        self.stable_error.setWordWrap(True)
        self.stable_error.setVisible(False)
        self.stable_error.setStyleSheet(u"color: #c0392b;")

        self.questions_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.stable_error)

        self.satisfaction_label = QLabel(self.questions_group)
        self.satisfaction_label.setObjectName(u"satisfaction_label")

        self.questions_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.satisfaction_label)

        self.satisfaction_layout = QHBoxLayout()
        self.satisfaction_layout.setObjectName(u"satisfaction_layout")
        self.satisfaction_1_radio = QRadioButton(self.questions_group)
        self.satisfaction_group = QButtonGroup(CallbackDialog)
        self.satisfaction_group.setObjectName(u"satisfaction_group")
        self.satisfaction_group.addButton(self.satisfaction_1_radio)
        self.satisfaction_1_radio.setObjectName(u"satisfaction_1_radio")

        self.satisfaction_layout.addWidget(self.satisfaction_1_radio)

        self.satisfaction_2_radio = QRadioButton(self.questions_group)
        self.satisfaction_group.addButton(self.satisfaction_2_radio)
        self.satisfaction_2_radio.setObjectName(u"satisfaction_2_radio")

        self.satisfaction_layout.addWidget(self.satisfaction_2_radio)

        self.satisfaction_3_radio = QRadioButton(self.questions_group)
        self.satisfaction_group.addButton(self.satisfaction_3_radio)
        self.satisfaction_3_radio.setObjectName(u"satisfaction_3_radio")

        self.satisfaction_layout.addWidget(self.satisfaction_3_radio)

        self.satisfaction_4_radio = QRadioButton(self.questions_group)
        self.satisfaction_group.addButton(self.satisfaction_4_radio)
        self.satisfaction_4_radio.setObjectName(u"satisfaction_4_radio")

        self.satisfaction_layout.addWidget(self.satisfaction_4_radio)

        self.satisfaction_5_radio = QRadioButton(self.questions_group)
        self.satisfaction_group.addButton(self.satisfaction_5_radio)
        self.satisfaction_5_radio.setObjectName(u"satisfaction_5_radio")

        self.satisfaction_layout.addWidget(self.satisfaction_5_radio)

        self.satisfaction_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.satisfaction_layout.addItem(self.satisfaction_spacer)


        self.questions_layout.setLayout(2, QFormLayout.ItemRole.FieldRole, self.satisfaction_layout)

        self.satisfaction_error = QLabel(self.questions_group)
        self.satisfaction_error.setObjectName(u"satisfaction_error")
        self.satisfaction_error.setWordWrap(True)
        self.satisfaction_error.setVisible(False)
        self.satisfaction_error.setStyleSheet(u"color: #c0392b;")

        self.questions_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.satisfaction_error)

        self.note_edit_label = QLabel(self.questions_group)
        self.note_edit_label.setObjectName(u"note_edit_label")

        self.questions_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.note_edit_label)

        self.note_edit = QPlainTextEdit(self.questions_group)
        self.note_edit.setObjectName(u"note_edit")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumSize(QSize(16777215, 90))

        self.questions_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.note_edit)

        self.note_error = QLabel(self.questions_group)
        self.note_error.setObjectName(u"note_error")
        self.note_error.setWordWrap(True)
        self.note_error.setVisible(False)
        self.note_error.setStyleSheet(u"color: #c0392b;")

        self.questions_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.note_error)


        self.main_layout.addWidget(self.questions_group)

        self.form_error = QLabel(CallbackDialog)
        self.form_error.setObjectName(u"form_error")
        self.form_error.setWordWrap(True)
        self.form_error.setVisible(False)
        self.form_error.setStyleSheet(u"color: #c0392b;")

        self.main_layout.addWidget(self.form_error)

        self.button_box = QDialogButtonBox(CallbackDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.main_layout.addWidget(self.button_box)

        self.main_layout.setStretch(3, 1)
#if QT_CONFIG(shortcut)
        self.stable_label.setBuddy(self.stable_yes_radio)
        self.satisfaction_label.setBuddy(self.satisfaction_1_radio)
        self.note_edit_label.setBuddy(self.note_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.stable_yes_radio, self.stable_no_radio)
        QWidget.setTabOrder(self.stable_no_radio, self.satisfaction_1_radio)
        QWidget.setTabOrder(self.satisfaction_1_radio, self.satisfaction_2_radio)
        QWidget.setTabOrder(self.satisfaction_2_radio, self.satisfaction_3_radio)
        QWidget.setTabOrder(self.satisfaction_3_radio, self.satisfaction_4_radio)
        QWidget.setTabOrder(self.satisfaction_4_radio, self.satisfaction_5_radio)
        QWidget.setTabOrder(self.satisfaction_5_radio, self.note_edit)
        QWidget.setTabOrder(self.note_edit, self.consent_button)
        QWidget.setTabOrder(self.consent_button, self.script_edit)

        self.retranslateUi(CallbackDialog)

        QMetaObject.connectSlotsByName(CallbackDialog)
    # setupUi

    def retranslateUi(self, CallbackDialog):
        CallbackDialog.setWindowTitle(QCoreApplication.translate("CallbackDialog", u"\u4e09\u65e5\u56de\u8bbf", None))
        self.title_label.setText("")
        self.phones_label.setText("")
        self.summary_label.setText("")
        self.timer_label.setText(QCoreApplication.translate("CallbackDialog", u"\u901a\u8bdd\u8ba1\u65f6 00:00 / 05:00", None))
        self.timer_warning_label.setText(QCoreApplication.translate("CallbackDialog", u"\u5df2\u8d85\u8fc7 5 \u5206\u949f\uff0c\u8bf7\u793c\u8c8c\u5730\u7ed3\u675f\u901a\u8bdd", None))
        self.script_group.setTitle(QCoreApplication.translate("CallbackDialog", u"\u56de\u8bbf\u8bdd\u672f", None))
        self.consent_group.setTitle(QCoreApplication.translate("CallbackDialog", u"\u56de\u8bbf\u8bb0\u5f55\u4fdd\u5b58", None))
        self.consent_state_label.setText("")
        self.consent_button.setText(QCoreApplication.translate("CallbackDialog", u"\u5f81\u6c42\u540c\u610f(&A)\u2026", None))
        self.consent_hint_label.setText("")
        self.questions_group.setTitle(QCoreApplication.translate("CallbackDialog", u"\u56de\u8bbf\u95ee\u9898", None))
        self.stable_label.setText(QCoreApplication.translate("CallbackDialog", u"\u95ee\u9898\u662f\u5426\u7a33\u5b9a*", None))
        self.stable_yes_radio.setText(QCoreApplication.translate("CallbackDialog", u"\u662f\uff0c\u6ca1\u6709\u518d\u51fa\u73b0(&Y)", None))
        self.stable_no_radio.setText(QCoreApplication.translate("CallbackDialog", u"\u5426\uff0c\u53c8\u51fa\u73b0\u4e86(&N)", None))
        self.stable_error.setText("")
        self.satisfaction_label.setText(QCoreApplication.translate("CallbackDialog", u"\u6ee1\u610f\u5ea6*", None))
        self.satisfaction_1_radio.setText(QCoreApplication.translate("CallbackDialog", u"&1 \u5f88\u4e0d\u6ee1\u610f", None))
        self.satisfaction_2_radio.setText(QCoreApplication.translate("CallbackDialog", u"&2 \u4e0d\u6ee1\u610f", None))
        self.satisfaction_3_radio.setText(QCoreApplication.translate("CallbackDialog", u"&3 \u4e00\u822c", None))
        self.satisfaction_4_radio.setText(QCoreApplication.translate("CallbackDialog", u"&4 \u6ee1\u610f", None))
        self.satisfaction_5_radio.setText(QCoreApplication.translate("CallbackDialog", u"&5 \u975e\u5e38\u6ee1\u610f", None))
        self.satisfaction_error.setText("")
        self.note_edit_label.setText(QCoreApplication.translate("CallbackDialog", u"\u5907\u6ce8(&B)", None))
        self.note_edit.setPlaceholderText(QCoreApplication.translate("CallbackDialog", u"\u5ba2\u6237\u7684\u539f\u8bdd\u3001\u65b0\u7684\u8981\u6c42\u6216\u5efa\u8bae", None))
        self.note_error.setText("")
        self.form_error.setText("")
    # retranslateUi

