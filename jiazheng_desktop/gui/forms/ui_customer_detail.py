# Generated from ui/customer_detail.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'customer_detail.ui'
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
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QListWidget,
    QListWidgetItem, QPushButton, QSizePolicy, QSpacerItem,
    QToolButton, QVBoxLayout, QWidget)

class Ui_CustomerDetail(object):
    def setupUi(self, CustomerDetail):
        if not CustomerDetail.objectName():
            CustomerDetail.setObjectName(u"CustomerDetail")
        CustomerDetail.resize(460, 700)
        self.detail_layout = QVBoxLayout(CustomerDetail)
        self.detail_layout.setObjectName(u"detail_layout")
        self.header_layout = QHBoxLayout()
        self.header_layout.setObjectName(u"header_layout")
        self.title_label = QLabel(CustomerDetail)
        self.title_label.setObjectName(u"title_label")
        self.title_label.setStyleSheet(u"font-size: 18px; font-weight: bold;")

        self.header_layout.addWidget(self.title_label)

        self.vip_label = QLabel(CustomerDetail)
        self.vip_label.setObjectName(u"vip_label")

        self.header_layout.addWidget(self.vip_label)

        self.spacer_140067483961856 = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.header_layout.addItem(self.spacer_140067483961856)

        self.edit_button = QPushButton(CustomerDetail)
        self.edit_button.setObjectName(u"edit_button")

        self.header_layout.addWidget(self.edit_button)

        self.add_service_button = QPushButton(CustomerDetail)
        self.add_service_button.setObjectName(u"add_service_button")

        self.header_layout.addWidget(self.add_service_button)

        self.report_incident_button = QPushButton(CustomerDetail)
        self.report_incident_button.setObjectName(u"report_incident_button")

        self.header_layout.addWidget(self.report_incident_button)

        self.more_button = QToolButton(CustomerDetail)
        self.more_button.setObjectName(u"more_button")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        self.header_layout.addWidget(self.more_button)


        self.detail_layout.addLayout(self.header_layout)

        self.profile_label = QLabel(CustomerDetail)
        self.profile_label.setObjectName(u"profile_label")
        self.profile_label.setWordWrap(True)
        self.profile_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.detail_layout.addWidget(self.profile_label)

        self.timeline_title_label = QLabel(CustomerDetail)
        self.timeline_title_label.setObjectName(u"timeline_title_label")
        self.timeline_title_label.setStyleSheet(u"font-weight: bold;")

        self.detail_layout.addWidget(self.timeline_title_label)

        self.timeline_list = QListWidget(CustomerDetail)
        self.timeline_list.setObjectName(u"timeline_list")
        self.timeline_list.setWordWrap(True)

        self.detail_layout.addWidget(self.timeline_list)

        self.script_holder = QWidget(CustomerDetail)
        self.script_holder.setObjectName(u"script_holder")

        self.detail_layout.addWidget(self.script_holder)


        self.retranslateUi(CustomerDetail)

        QMetaObject.connectSlotsByName(CustomerDetail)
    # setupUi

    def retranslateUi(self, CustomerDetail):
        self.title_label.setText("")
        self.vip_label.setText("")
        self.edit_button.setText(QCoreApplication.translate("CustomerDetail", u"\u7f16\u8f91(&E)", None))
        self.add_service_button.setText(QCoreApplication.translate("CustomerDetail", u"\u6dfb\u52a0\u670d\u52a1\u8bb0\u5f55(&R)", None))
        self.report_incident_button.setText(QCoreApplication.translate("CustomerDetail", u"\u767b\u8bb0\u6295\u8bc9(&T)", None))
        self.more_button.setText(QCoreApplication.translate("CustomerDetail", u"\u66f4\u591a(&M)", None))
        self.profile_label.setText("")
        self.timeline_title_label.setText(QCoreApplication.translate("CustomerDetail", u"\u65f6\u95f4\u7ebf", None))
        pass
    # retranslateUi

