# Generated from ui/incident_dialog.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'incident_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
    QPushButton, QSizePolicy, QVBoxLayout, QWidget)

class Ui_IncidentDialog(object):
    def setupUi(self, IncidentDialog):
        if not IncidentDialog.objectName():
            IncidentDialog.setObjectName(u"IncidentDialog")
        IncidentDialog.resize(520, 620)
        self.main_layout = QVBoxLayout(IncidentDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.customer_search_edit_label = QLabel(IncidentDialog)
        self.customer_search_edit_label.setObjectName(u"customer_search_edit_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.customer_search_edit_label)

        self.customer_layout = QVBoxLayout()
        self.customer_layout.setObjectName(u"customer_layout")
        self.customer_search_layout = QHBoxLayout()
        self.customer_search_layout.setObjectName(u"customer_search_layout")
        self.customer_search_edit = QLineEdit(IncidentDialog)
        self.customer_search_edit.setObjectName(u"customer_search_edit")
        self.customer_search_edit.setClearButtonEnabled(True)

        self.customer_search_layout.addWidget(self.customer_search_edit)

        self.customer_change_button = QPushButton(IncidentDialog)
        self.customer_change_button.setObjectName(u"customer_change_button")
        self.customer_change_button.setVisible(False)

        self.customer_search_layout.addWidget(self.customer_change_button)


        self.customer_layout.addLayout(self.customer_search_layout)

        self.customer_result_list = QListWidget(IncidentDialog)
        self.customer_result_list.setObjectName(u"customer_result_list")
        self.customer_result_list.setMaximumSize(QSize(16777215, 130))

        self.customer_layout.addWidget(self.customer_result_list)

        self.customer_hint_label = QLabel(IncidentDialog)
        self.customer_hint_label.setObjectName(u"customer_hint_label")
        self.customer_hint_label.setStyleSheet(u"color: #777;")

        self.customer_layout.addWidget(self.customer_hint_label)


        self.form_layout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.customer_layout)

        self.customer_error = QLabel(IncidentDialog)
        self.customer_error.setObjectName(u"customer_error")
        self.customer_error.setWordWrap(True)
        self.customer_error.setVisible(False)
        self.customer_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.customer_error)

        self.service_record_combo_label = QLabel(IncidentDialog)
        self.service_record_combo_label.setObjectName(u"service_record_combo_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.service_record_combo_label)

        self.service_record_combo = QComboBox(IncidentDialog)
        self.service_record_combo.setObjectName(u"service_record_combo")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.service_record_combo)

        self.service_record_error = QLabel(IncidentDialog)
        self.service_record_error.setObjectName(u"service_record_error")
        self.service_record_error.setWordWrap(True)
        self.service_record_error.setVisible(False)
        self.service_record_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.service_record_error)

        self.worker_combo_label = QLabel(IncidentDialog)
        self.worker_combo_label.setObjectName(u"worker_combo_label")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.worker_combo_label)

        self.worker_combo = QComboBox(IncidentDialog)
        self.worker_combo.setObjectName(u"worker_combo")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.worker_combo)

        self.worker_error = QLabel(IncidentDialog)
        self.worker_error.setObjectName(u"worker_error")
        self.worker_error.setWordWrap(True)
        self.worker_error.setVisible(False)
        self.worker_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.worker_error)

        self.category_combo_label = QLabel(IncidentDialog)
        self.category_combo_label.setObjectName(u"category_combo_label")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.category_combo_label)

        self.category_combo = QComboBox(IncidentDialog)
        self.category_combo.setObjectName(u"category_combo")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.category_combo)

        self.category_error = QLabel(IncidentDialog)
        self.category_error.setObjectName(u"category_error")
        self.category_error.setWordWrap(True)
        self.category_error.setVisible(False)
        self.category_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.category_error)

        self.severity_combo_label = QLabel(IncidentDialog)
        self.severity_combo_label.setObjectName(u"severity_combo_label")

        self.form_layout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.severity_combo_label)

        self.severity_combo = QComboBox(IncidentDialog)
        self.severity_combo.setObjectName(u"severity_combo")

        self.form_layout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.severity_combo)

        self.severity_error = QLabel(IncidentDialog)
        self.severity_error.setObjectName(u"severity_error")
        self.severity_error.setWordWrap(True)
        self.severity_error.setVisible(False)
        self.severity_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.severity_error)

        self.channel_combo_label = QLabel(IncidentDialog)
        self.channel_combo_label.setObjectName(u"channel_combo_label")

        self.form_layout.setWidget(10, QFormLayout.ItemRole.LabelRole, self.channel_combo_label)

        self.channel_combo = QComboBox(IncidentDialog)
        self.channel_combo.setObjectName(u"channel_combo")

        self.form_layout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.channel_combo)

        self.channel_error = QLabel(IncidentDialog)
        self.channel_error.setObjectName(u"channel_error")
        self.channel_error.setWordWrap(True)
        self.channel_error.setVisible(False)
        self.channel_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(11, QFormLayout.ItemRole.FieldRole, self.channel_error)

        self.customer_said_edit_label = QLabel(IncidentDialog)
        self.customer_said_edit_label.setObjectName(u"customer_said_edit_label")

        self.form_layout.setWidget(12, QFormLayout.ItemRole.LabelRole, self.customer_said_edit_label)

        self.customer_said_edit = QPlainTextEdit(IncidentDialog)
        self.customer_said_edit.setObjectName(u"customer_said_edit")
        self.customer_said_edit.setTabChangesFocus(True)

        self.form_layout.setWidget(12, QFormLayout.ItemRole.FieldRole, self.customer_said_edit)

        self.customer_said_error = QLabel(IncidentDialog)
        self.customer_said_error.setObjectName(u"customer_said_error")
        self.customer_said_error.setWordWrap(True)
        self.customer_said_error.setVisible(False)
        self.customer_said_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(13, QFormLayout.ItemRole.FieldRole, self.customer_said_error)


        self.main_layout.addLayout(self.form_layout)

        self.form_error = QLabel(IncidentDialog)
        self.form_error.setObjectName(u"form_error")
        self.form_error.setWordWrap(True)
        self.form_error.setVisible(False)
        self.form_error.setStyleSheet(u"color: #c0392b;")

        self.main_layout.addWidget(self.form_error)

        self.hint_label = QLabel(IncidentDialog)
        self.hint_label.setObjectName(u"hint_label")
        self.hint_label.setStyleSheet(u"color: #777;")

        self.main_layout.addWidget(self.hint_label)

        self.button_box = QDialogButtonBox(IncidentDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.main_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.customer_search_edit_label.setBuddy(self.customer_search_edit)
        self.service_record_combo_label.setBuddy(self.service_record_combo)
        self.worker_combo_label.setBuddy(self.worker_combo)
        self.category_combo_label.setBuddy(self.category_combo)
        self.severity_combo_label.setBuddy(self.severity_combo)
        self.channel_combo_label.setBuddy(self.channel_combo)
        self.customer_said_edit_label.setBuddy(self.customer_said_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.customer_search_edit, self.customer_result_list)
        QWidget.setTabOrder(self.customer_result_list, self.customer_change_button)
        QWidget.setTabOrder(self.customer_change_button, self.service_record_combo)
        QWidget.setTabOrder(self.service_record_combo, self.worker_combo)
        QWidget.setTabOrder(self.worker_combo, self.category_combo)
        QWidget.setTabOrder(self.category_combo, self.severity_combo)
        QWidget.setTabOrder(self.severity_combo, self.channel_combo)
        QWidget.setTabOrder(self.channel_combo, self.customer_said_edit)

        self.retranslateUi(IncidentDialog)

        QMetaObject.connectSlotsByName(IncidentDialog)
    # setupUi

    def retranslateUi(self, IncidentDialog):
        IncidentDialog.setWindowTitle(QCoreApplication.translate("IncidentDialog", u"\u767b\u8bb0\u6295\u8bc9", None))
        self.customer_search_edit_label.setText(QCoreApplication.translate("IncidentDialog", u"\u5ba2\u6237(&U)*", None))
        self.customer_search_edit.setPlaceholderText(QCoreApplication.translate("IncidentDialog", u"\u8f93\u5165\u59d3\u540d\u3001\u7535\u8bdd\u6216\u62fc\u97f3\u9996\u5b57\u6bcd\uff0c\u4f8b\u5982 wxs", None))
        self.customer_change_button.setText(QCoreApplication.translate("IncidentDialog", u"\u66f4\u6362(&G)", None))
#if QT_CONFIG(tooltip)
        self.customer_change_button.setToolTip(QCoreApplication.translate("IncidentDialog", u"\u6362\u4e00\u4f4d\u5ba2\u6237", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.customer_result_list.setToolTip(QCoreApplication.translate("IncidentDialog", u"\u7528 \u2191 \u2193 \u9009\u62e9\uff0c\u6309\u56de\u8f66\u6216\u53cc\u51fb\u786e\u5b9a", None))
#endif // QT_CONFIG(tooltip)
        self.customer_hint_label.setText("")
        self.customer_error.setText("")
        self.service_record_combo_label.setText(QCoreApplication.translate("IncidentDialog", u"\u76f8\u5173\u670d\u52a1(&R)", None))
#if QT_CONFIG(tooltip)
        self.service_record_combo.setToolTip(QCoreApplication.translate("IncidentDialog", u"\u8fd9\u6b21\u6295\u8bc9\u662f\u54ea\u4e00\u6b21\u4e0a\u95e8\u670d\u52a1\u5f15\u8d77\u7684", None))
#endif // QT_CONFIG(tooltip)
        self.service_record_error.setText("")
        self.worker_combo_label.setText(QCoreApplication.translate("IncidentDialog", u"\u670d\u52a1\u4eba\u5458(&W)", None))
        self.worker_error.setText("")
        self.category_combo_label.setText(QCoreApplication.translate("IncidentDialog", u"\u7c7b\u522b(&C)*", None))
        self.category_error.setText("")
        self.severity_combo_label.setText(QCoreApplication.translate("IncidentDialog", u"\u4e25\u91cd\u7a0b\u5ea6(&V)*", None))
        self.severity_error.setText("")
        self.channel_combo_label.setText(QCoreApplication.translate("IncidentDialog", u"\u6e20\u9053(&H)*", None))
        self.channel_error.setText("")
        self.customer_said_edit_label.setText(QCoreApplication.translate("IncidentDialog", u"\u5ba2\u6237\u539f\u8bdd(&Y)*", None))
        self.customer_said_edit.setPlaceholderText(QCoreApplication.translate("IncidentDialog", u"\u7528\u5ba2\u6237\u81ea\u5df1\u7684\u8bdd\u8bb0\u4e0b\u6765", None))
        self.customer_said_error.setText("")
        self.form_error.setText("")
        self.hint_label.setText(QCoreApplication.translate("IncidentDialog", u"\u5e26 * \u7684\u4e3a\u5fc5\u586b\u9879\u3002\u6309 Ctrl+Enter \u767b\u8bb0\u3002", None))
    # retranslateUi

