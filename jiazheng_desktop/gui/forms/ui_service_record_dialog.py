# Generated from ui/service_record_dialog.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'service_record_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateTimeEdit,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_ServiceRecordDialog(object):
    def setupUi(self, ServiceRecordDialog):
        if not ServiceRecordDialog.objectName():
            ServiceRecordDialog.setObjectName(u"ServiceRecordDialog")
        ServiceRecordDialog.resize(460, 420)
        self.main_layout = QVBoxLayout(ServiceRecordDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.served_at_edit_label = QLabel(ServiceRecordDialog)
        self.served_at_edit_label.setObjectName(u"served_at_edit_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.served_at_edit_label)

        self.served_at_edit = QDateTimeEdit(ServiceRecordDialog)
        self.served_at_edit.setObjectName(u"served_at_edit")
        self.served_at_edit.setCalendarPopup(True)
        self.served_at_edit.setDisplayFormat(u"yyyy-MM-dd HH:mm")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.served_at_edit)

        self.served_at_error = QLabel(ServiceRecordDialog)
        self.served_at_error.setObjectName(u"served_at_error")
        self.served_at_error.setWordWrap(True)
        self.served_at_error.setVisible(False)
        self.served_at_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.served_at_error)

        self.service_type_combo_label = QLabel(ServiceRecordDialog)
        self.service_type_combo_label.setObjectName(u"service_type_combo_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.service_type_combo_label)

        self.service_type_combo = QComboBox(ServiceRecordDialog)
        self.service_type_combo.setObjectName(u"service_type_combo")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.service_type_combo)

        self.service_type_error = QLabel(ServiceRecordDialog)
        self.service_type_error.setObjectName(u"service_type_error")
        self.service_type_error.setWordWrap(True)
        self.service_type_error.setVisible(False)
        self.service_type_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.service_type_error)

        self.worker_combo_label = QLabel(ServiceRecordDialog)
        self.worker_combo_label.setObjectName(u"worker_combo_label")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.worker_combo_label)

        self.worker_combo = QComboBox(ServiceRecordDialog)
        self.worker_combo.setObjectName(u"worker_combo")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.worker_combo)

        self.worker_error = QLabel(ServiceRecordDialog)
        self.worker_error.setObjectName(u"worker_error")
        self.worker_error.setWordWrap(True)
        self.worker_error.setVisible(False)
        self.worker_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.worker_error)

        self.amount_edit_label = QLabel(ServiceRecordDialog)
        self.amount_edit_label.setObjectName(u"amount_edit_label")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.amount_edit_label)

        self.amount_layout = QHBoxLayout()
        self.amount_layout.setObjectName(u"amount_layout")
        self.amount_edit = QLineEdit(ServiceRecordDialog)
        self.amount_edit.setObjectName(u"amount_edit")
        self.amount_edit.setMaxLength(16)

        self.amount_layout.addWidget(self.amount_edit)

        self.amount_unit_label = QLabel(ServiceRecordDialog)
        self.amount_unit_label.setObjectName(u"amount_unit_label")

        self.amount_layout.addWidget(self.amount_unit_label)

        self.amount_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.amount_layout.addItem(self.amount_spacer)


        self.form_layout.setLayout(6, QFormLayout.ItemRole.FieldRole, self.amount_layout)

        self.amount_error = QLabel(ServiceRecordDialog)
        self.amount_error.setObjectName(u"amount_error")
        self.amount_error.setWordWrap(True)
        self.amount_error.setVisible(False)
        self.amount_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.amount_error)

        self.notes_edit_label = QLabel(ServiceRecordDialog)
        self.notes_edit_label.setObjectName(u"notes_edit_label")

        self.form_layout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.notes_edit_label)

        self.notes_edit = QPlainTextEdit(ServiceRecordDialog)
        self.notes_edit.setObjectName(u"notes_edit")
        self.notes_edit.setTabChangesFocus(True)

        self.form_layout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.notes_edit)

        self.notes_error = QLabel(ServiceRecordDialog)
        self.notes_error.setObjectName(u"notes_error")
        self.notes_error.setWordWrap(True)
        self.notes_error.setVisible(False)
        self.notes_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.notes_error)


        self.main_layout.addLayout(self.form_layout)

        self.form_error = QLabel(ServiceRecordDialog)
        self.form_error.setObjectName(u"form_error")
        self.form_error.setWordWrap(True)
        self.form_error.setVisible(False)
        self.form_error.setStyleSheet(u"color: #c0392b;")

        self.main_layout.addWidget(self.form_error)

        self.hint_label = QLabel(ServiceRecordDialog)
        self.hint_label.setObjectName(u"hint_label")
        self.hint_label.setStyleSheet(u"color: #777;")

        self.main_layout.addWidget(self.hint_label)

        self.button_box = QDialogButtonBox(ServiceRecordDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.main_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.served_at_edit_label.setBuddy(self.served_at_edit)
        self.service_type_combo_label.setBuddy(self.service_type_combo)
        self.worker_combo_label.setBuddy(self.worker_combo)
        self.amount_edit_label.setBuddy(self.amount_edit)
        self.notes_edit_label.setBuddy(self.notes_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.served_at_edit, self.service_type_combo)
        QWidget.setTabOrder(self.service_type_combo, self.worker_combo)
        QWidget.setTabOrder(self.worker_combo, self.amount_edit)
        QWidget.setTabOrder(self.amount_edit, self.notes_edit)

        self.retranslateUi(ServiceRecordDialog)

        QMetaObject.connectSlotsByName(ServiceRecordDialog)
    # setupUi

    def retranslateUi(self, ServiceRecordDialog):
        ServiceRecordDialog.setWindowTitle(QCoreApplication.translate("ServiceRecordDialog", u"\u65b0\u589e\u670d\u52a1\u8bb0\u5f55", None))
        self.served_at_edit_label.setText(QCoreApplication.translate("ServiceRecordDialog", u"\u670d\u52a1\u65f6\u95f4(&D)*", None))
        self.served_at_error.setText("")
        self.service_type_combo_label.setText(QCoreApplication.translate("ServiceRecordDialog", u"\u670d\u52a1\u7c7b\u578b(&T)*", None))
        self.service_type_error.setText("")
        self.worker_combo_label.setText(QCoreApplication.translate("ServiceRecordDialog", u"\u670d\u52a1\u4eba\u5458(&W)", None))
        self.worker_error.setText("")
        self.amount_edit_label.setText(QCoreApplication.translate("ServiceRecordDialog", u"\u91d1\u989d(&M)*", None))
        self.amount_edit.setPlaceholderText(QCoreApplication.translate("ServiceRecordDialog", u"\u4f8b\u5982 120 \u6216 99.50", None))
        self.amount_unit_label.setText(QCoreApplication.translate("ServiceRecordDialog", u"\u5143", None))
        self.amount_error.setText("")
        self.notes_edit_label.setText(QCoreApplication.translate("ServiceRecordDialog", u"\u5907\u6ce8(&O)", None))
        self.notes_edit.setPlaceholderText(QCoreApplication.translate("ServiceRecordDialog", u"\u4f8b\u5982\uff1a\u5ba2\u6237\u8981\u6c42\u4e0b\u6b21\u5e26\u5438\u5c18\u5668", None))
        self.notes_error.setText("")
        self.form_error.setText("")
        self.hint_label.setText(QCoreApplication.translate("ServiceRecordDialog", u"\u5e26 * \u7684\u4e3a\u5fc5\u586b\u9879\u3002", None))
    # retranslateUi

