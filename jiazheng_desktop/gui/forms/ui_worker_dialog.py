# Generated from ui/worker_dialog.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'worker_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QGridLayout,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_WorkerDialog(object):
    def setupUi(self, WorkerDialog):
        if not WorkerDialog.objectName():
            WorkerDialog.setObjectName(u"WorkerDialog")
        WorkerDialog.resize(480, 520)
        self.main_layout = QVBoxLayout(WorkerDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.name_edit_label = QLabel(WorkerDialog)
        self.name_edit_label.setObjectName(u"name_edit_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.name_edit_label)

        self.name_edit = QLineEdit(WorkerDialog)
        self.name_edit.setObjectName(u"name_edit")
        self.name_edit.setMaxLength(20)

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name_edit)

        self.name_error = QLabel(WorkerDialog)
        self.name_error.setObjectName(u"name_error")
        self.name_error.setWordWrap(True)
        self.name_error.setVisible(False)
        self.name_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.name_error)

        self.phone_edit_label = QLabel(WorkerDialog)
        self.phone_edit_label.setObjectName(u"phone_edit_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.phone_edit_label)

        self.phone_edit = QLineEdit(WorkerDialog)
        self.phone_edit.setObjectName(u"phone_edit")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.phone_edit)

        self.phone_error = QLabel(WorkerDialog)
        self.phone_error.setObjectName(u"phone_error")
        self.phone_error.setWordWrap(True)
        self.phone_error.setVisible(False)
        self.phone_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.phone_error)

        self.skills_box_label = QLabel(WorkerDialog)
        self.skills_box_label.setObjectName(u"skills_box_label")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.skills_box_label)

        self.skills_box = QWidget(WorkerDialog)
        self.skills_box.setObjectName(u"skills_box")
        self.skills_layout = QGridLayout(self.skills_box)
        self.skills_layout.setObjectName(u"skills_layout")
        self.skills_layout.setContentsMargins(0, 0, 0, 0)

        self.form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.skills_box)

        self.skills_error = QLabel(WorkerDialog)
        self.skills_error.setObjectName(u"skills_error")
        self.skills_error.setWordWrap(True)
        self.skills_error.setVisible(False)
        self.skills_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.skills_error)

        self.background_check_date_edit_label = QLabel(WorkerDialog)
        self.background_check_date_edit_label.setObjectName(u"background_check_date_edit_label")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.background_check_date_edit_label)

        self.background_check_layout = QHBoxLayout()
        self.background_check_layout.setObjectName(u"background_check_layout")
        self.background_check_date_edit = QDateEdit(WorkerDialog)
        self.background_check_date_edit.setObjectName(u"background_check_date_edit")
        self.background_check_date_edit.setCalendarPopup(True)
        self.background_check_date_edit.setDisplayFormat(u"yyyy-MM-dd")

        self.background_check_layout.addWidget(self.background_check_date_edit)

        self.background_check_none_check = QCheckBox(WorkerDialog)
        self.background_check_none_check.setObjectName(u"background_check_none_check")

        self.background_check_layout.addWidget(self.background_check_none_check)

        self.background_check_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.background_check_layout.addItem(self.background_check_spacer)


        self.form_layout.setLayout(6, QFormLayout.ItemRole.FieldRole, self.background_check_layout)

        self.background_check_on_error = QLabel(WorkerDialog)
        self.background_check_on_error.setObjectName(u"background_check_on_error")
        self.background_check_on_error.setWordWrap(True)
        self.background_check_on_error.setVisible(False)
        self.background_check_on_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.background_check_on_error)

        self.training_notes_edit_label = QLabel(WorkerDialog)
        self.training_notes_edit_label.setObjectName(u"training_notes_edit_label")

        self.form_layout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.training_notes_edit_label)

        self.training_notes_edit = QPlainTextEdit(WorkerDialog)
        self.training_notes_edit.setObjectName(u"training_notes_edit")
        self.training_notes_edit.setTabChangesFocus(True)

        self.form_layout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.training_notes_edit)

        self.training_notes_error = QLabel(WorkerDialog)
        self.training_notes_error.setObjectName(u"training_notes_error")
        self.training_notes_error.setWordWrap(True)
        self.training_notes_error.setVisible(False)
        self.training_notes_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.training_notes_error)

        self.active_check = QCheckBox(WorkerDialog)
        self.active_check.setObjectName(u"active_check")
        self.active_check.setChecked(True)

        self.form_layout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.active_check)


        self.main_layout.addLayout(self.form_layout)

        self.form_error = QLabel(WorkerDialog)
        self.form_error.setObjectName(u"form_error")
        self.form_error.setWordWrap(True)
        self.form_error.setVisible(False)
        self.form_error.setStyleSheet(u"color: #c0392b;")

        self.main_layout.addWidget(self.form_error)

        self.hint_label = QLabel(WorkerDialog)
        self.hint_label.setObjectName(u"hint_label")
        self.hint_label.setStyleSheet(u"color: #777;")

        self.main_layout.addWidget(self.hint_label)

        self.button_box = QDialogButtonBox(WorkerDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.main_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.name_edit_label.setBuddy(self.name_edit)
        self.phone_edit_label.setBuddy(self.phone_edit)
        self.background_check_date_edit_label.setBuddy(self.background_check_date_edit)
        self.training_notes_edit_label.setBuddy(self.training_notes_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name_edit, self.phone_edit)
        QWidget.setTabOrder(self.phone_edit, self.skills_box)
        QWidget.setTabOrder(self.skills_box, self.background_check_date_edit)
        QWidget.setTabOrder(self.background_check_date_edit, self.background_check_none_check)
        QWidget.setTabOrder(self.background_check_none_check, self.training_notes_edit)
        QWidget.setTabOrder(self.training_notes_edit, self.active_check)

        self.retranslateUi(WorkerDialog)

        QMetaObject.connectSlotsByName(WorkerDialog)
    # setupUi

    def retranslateUi(self, WorkerDialog):
        WorkerDialog.setWindowTitle(QCoreApplication.translate("WorkerDialog", u"\u670d\u52a1\u4eba\u5458", None))
        self.name_edit_label.setText(QCoreApplication.translate("WorkerDialog", u"\u59d3\u540d(&N)*", None))
        self.name_edit.setPlaceholderText(QCoreApplication.translate("WorkerDialog", u"\u4f8b\u5982\uff1a\u5f20\u79c0\u82f1", None))
        self.name_error.setText("")
        self.phone_edit_label.setText(QCoreApplication.translate("WorkerDialog", u"\u7535\u8bdd(&P)*", None))
        self.phone_edit.setPlaceholderText(QCoreApplication.translate("WorkerDialog", u"\u624b\u673a 11 \u4f4d\uff0c\u6216\u5e26\u533a\u53f7\u7684\u56fa\u5b9a\u7535\u8bdd", None))
        self.phone_error.setText("")
        self.skills_box_label.setText(QCoreApplication.translate("WorkerDialog", u"\u6280\u80fd", None))
        self.skills_error.setText("")
        self.background_check_date_edit_label.setText(QCoreApplication.translate("WorkerDialog", u"\u80cc\u666f\u8c03\u67e5(&B)", None))
        self.background_check_none_check.setText(QCoreApplication.translate("WorkerDialog", u"\u672a\u505a(&D)", None))
#if QT_CONFIG(tooltip)
        self.background_check_none_check.setToolTip(QCoreApplication.translate("WorkerDialog", u"\u8fd8\u6ca1\u6709\u505a\u80cc\u666f\u8c03\u67e5", None))
#endif // QT_CONFIG(tooltip)
        self.background_check_on_error.setText("")
        self.training_notes_edit_label.setText(QCoreApplication.translate("WorkerDialog", u"\u57f9\u8bad\u8bb0\u5f55(&T)", None))
        self.training_notes_edit.setPlaceholderText(QCoreApplication.translate("WorkerDialog", u"\u4f8b\u5982\uff1a2026-03 \u5bb6\u7535\u6e05\u6d17\u57f9\u8bad\uff08\u5408\u683c\uff09\uff1b2026-06 \u80b2\u5a74\u5e08\u8bc1", None))
        self.training_notes_error.setText("")
        self.active_check.setText(QCoreApplication.translate("WorkerDialog", u"\u5728\u804c(&A)", None))
#if QT_CONFIG(tooltip)
        self.active_check.setToolTip(QCoreApplication.translate("WorkerDialog", u"\u4e0d\u518d\u5408\u4f5c\u7684\u670d\u52a1\u4eba\u5458\u53d6\u6d88\u52fe\u9009\u5373\u53ef\uff0c\u5386\u53f2\u8bb0\u5f55\u4f1a\u4fdd\u7559", None))
#endif // QT_CONFIG(tooltip)
        self.form_error.setText("")
        self.hint_label.setText(QCoreApplication.translate("WorkerDialog", u"\u5e26 * \u7684\u4e3a\u5fc5\u586b\u9879\u3002", None))
    # retranslateUi

