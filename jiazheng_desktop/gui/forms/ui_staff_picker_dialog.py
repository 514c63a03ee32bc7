# Generated from ui/staff_picker_dialog.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'staff_picker_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QLabel, QListWidget, QListWidgetItem, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_StaffPickerDialog(object):
    def setupUi(self, StaffPickerDialog):
        if not StaffPickerDialog.objectName():
            StaffPickerDialog.setObjectName(u"StaffPickerDialog")
        StaffPickerDialog.resize(340, 320)
        self.main_layout = QVBoxLayout(StaffPickerDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.prompt_label = QLabel(StaffPickerDialog)
        self.prompt_label.setObjectName(u"prompt_label")
        self.prompt_label.setWordWrap(True)

        self.main_layout.addWidget(self.prompt_label)

        self.staff_list = QListWidget(StaffPickerDialog)
        self.staff_list.setObjectName(u"staff_list")

        self.main_layout.addWidget(self.staff_list)

        self.button_box = QDialogButtonBox(StaffPickerDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.main_layout.addWidget(self.button_box)


        self.retranslateUi(StaffPickerDialog)

        QMetaObject.connectSlotsByName(StaffPickerDialog)
    # setupUi

    def retranslateUi(self, StaffPickerDialog):
        StaffPickerDialog.setWindowTitle(QCoreApplication.translate("StaffPickerDialog", u"\u8c01\u5728\u503c\u73ed", None))
        self.prompt_label.setText(QCoreApplication.translate("StaffPickerDialog", u"\u8bf7\u9009\u62e9\u73b0\u5728\u503c\u73ed\u7684\u5458\u5de5\uff1a", None))
    # retranslateUi

